// Where the run database lives when nobody says otherwise: one file per checkout, so that every
// app, experiment and tool started anywhere inside the workspace shares the same cache of runs.
import { join, resolve } from 'node:path';
import { nearestWorkspaceRoot } from '@lddm/config';

/** Explicit path, else $LDDM_DB, else <workspace root>/.lddm/runs.db. */
export function resolveDbPath(explicit?: string, cwd: string = process.cwd()): string {
  if (explicit) return resolve(cwd, explicit);
  const fromEnv = process.env.LDDM_DB;
  if (fromEnv) return resolve(cwd, fromEnv);
  const root = nearestWorkspaceRoot(cwd);
  if (!root) {
    // Refuse rather than scatter databases: a run cache nobody finds again is no cache.
    throw new Error(`registry: no nx.json found above ${cwd}; set LDDM_DB or pass { path } to openRegistry`);
  }
  return join(root, '.lddm', 'runs.db');
}
