// Opening the run registry from a CLI, and the columns every runs listing shares.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openRegistry, type Registry, type RunRecord } from '@lddm/registry';
import { UsageError } from './errors';
import type { Column } from '@lddm/reporting';

/**
 * Opens the registry named by --db (else $LDDM_DB, else <workspace>/.lddm/runs.db). A --db file
 * that does not exist is bad input (exit 2) for commands that only read: pass mustExist. A --db
 * in a folder that does not exist is bad input for every command (a typo would otherwise start
 * a new, empty registry somewhere unexpected).
 */
export function openRunRegistry(db: string | undefined, opts: { mustExist?: boolean } = {}): Registry {
  if (opts.mustExist && db !== undefined && !existsSync(resolve(db)))
    throw new UsageError(`--db: no registry at ${db} (expected an existing runs database file)`);
  if (db !== undefined && !existsSync(dirname(resolve(db))))
    throw new UsageError(`--db: the folder ${dirname(resolve(db))} does not exist; create it (mkdir -p) or pass another path`);
  return openRegistry({ path: db });
}

/**
 * Runs a function with an open registry and closes it afterwards. Runs whose process is gone
 * are marked interrupted first, so that every listing shows a killed run as such.
 */
export async function withRegistry<T>(
  db: string | undefined,
  opts: { mustExist?: boolean },
  fn: (registry: Registry) => T | Promise<T>,
): Promise<T> {
  const registry = openRunRegistry(db, opts);
  try {
    registry.markStaleRuns();
    return await fn(registry);
  } finally {
    registry.close();
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One row per run: the columns of `evaluator runs` and `report runs`. */
export const RUN_COLUMNS: readonly Column<RunRecord>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'experiment', value: (r) => r.experiment },
  { header: 'kind', value: (r) => r.kind },
  { header: 'status', value: (r) => r.status },
  { header: 'profile', value: (r) => r.profile },
  { header: 'seed', value: (r) => r.seed },
  { header: 'backend', value: (r) => `${r.backendName} ${r.backendVersion}` },
  { header: 'threads', value: (r) => r.backendThreads },
  { header: 'git_commit', value: (r) => r.gitCommit },
  { header: 'git_dirty', value: (r) => r.gitDirty },
  { header: 'source_version', value: (r) => r.sourceVersion },
  { header: 'host', value: (r) => r.host },
  { header: 'started_at', value: (r) => iso(r.startedAt) },
  { header: 'ended_at', value: (r) => iso(r.endedAt) },
  { header: 'wall_seconds', value: (r) => (r.wallSeconds === null ? null : Number(r.wallSeconds.toFixed(3))) },
  { header: 'key', value: (r) => r.key },
  { header: 'error', value: (r) => r.error },
];
