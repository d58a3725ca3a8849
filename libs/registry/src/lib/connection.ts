// Opens the SQLite file with the settings every process must agree on. Several trainers,
// evaluators and the report may hold the database at once, so: WAL (readers never block the
// writer), a generous busy timeout (writers queue instead of failing), foreign keys on (SQLite
// leaves them off per connection).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export const BUSY_TIMEOUT_MS = 15_000;

export function openSqlite(path: string): Database.Database {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return retryWhileBusy(() => configure(path));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegistryOpenError(`registry: cannot open run database at ${path}: ${reason.split('\n')[0]}; pass --db a runs database (or a new file in an existing folder)`, { cause: error });
  }
}

/** The database file cannot be opened (not SQLite, unreadable, read-only folder): bad input to a CLI. */
export class RegistryOpenError extends Error {
  override readonly name = 'RegistryOpenError';
}

function configure(path: string): Database.Database {
  // `timeout` is better-sqlite3's busy_timeout, set before the first statement.
  const sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    // Already WAL after the first open; asking first avoids the exclusive lock a switch needs.
    if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // NORMAL is durable across application crashes in WAL mode; only power loss can drop the
    // last commits, and those runs would simply be recomputed.
    sqlite.pragma('synchronous = NORMAL');
    migrate(sqlite);
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * SQLite answers SQLITE_BUSY at once, without consulting busy_timeout, in a few places around
 * opening: switching a fresh file to WAL while another process does, or opening while the last
 * connection is closing and cleaning up the WAL. Seen with 6 processes opening fresh files
 * together (concurrency.spec.ts), so the whole open is retried, with jitter, up to the timeout.
 */
function retryWhileBusy<T>(open: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return open();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
      if (!busy || Date.now() > deadline) throw error;
      sleepSync(Math.min(2 ** attempt, 50) * (1 + Math.random()));
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  // Opening is synchronous (better-sqlite3), so the wait is too.
  Atomics.wait(sleeper, 0, 0, ms);
}
