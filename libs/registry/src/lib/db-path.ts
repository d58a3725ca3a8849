// Where the run database lives when nobody says otherwise: one file per checkout, so that every
// app, experiment and tool started anywhere inside the workspace shares the same cache of runs.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Nearest ancestor of `from` (inclusive) that holds nx.json, or undefined outside a workspace. */
export function findWorkspaceRoot(from: string = process.cwd()): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Explicit path, else $LDDM_DB, else <workspace root>/.lddm/runs.db. */
export function resolveDbPath(explicit?: string, cwd: string = process.cwd()): string {
  if (explicit) return resolve(cwd, explicit);
  const fromEnv = process.env.LDDM_DB;
  if (fromEnv) return resolve(cwd, fromEnv);
  const root = findWorkspaceRoot(cwd);
  if (!root) {
    // Refuse rather than scatter databases: a run cache nobody finds again is no cache.
    throw new Error(`registry: no nx.json found above ${cwd}; set LDDM_DB or pass { path } to openRegistry`);
  }
  return join(root, '.lddm', 'runs.db');
}
