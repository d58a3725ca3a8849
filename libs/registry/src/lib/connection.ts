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
  let sqlite: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    // `timeout` is better-sqlite3's busy_timeout; set at construction so that even the first
    // pragma below waits for a concurrent opener instead of failing with SQLITE_BUSY.
    sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // NORMAL is durable across application crashes in WAL mode; only power loss can drop the
    // last commits, and those runs would simply be recomputed.
    sqlite.pragma('synchronous = NORMAL');
    migrate(sqlite);
    return sqlite;
  } catch (error) {
    sqlite?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`registry: cannot open run database at ${path}: ${reason.split('\n')[0]}`, { cause: error });
  }
}
