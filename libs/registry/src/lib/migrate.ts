// Applies the committed drizzle-kit migrations. drizzle's own migrator reads the applied set
// before it opens its transaction, so two processes opening a fresh database together can both
// decide to apply migration 0000 and one dies on "table already exists". Here the read and the
// writes share one BEGIN IMMEDIATE transaction: the first process takes the write lock, the others
// wait on busy_timeout and then find nothing left to do.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
  breakpoints: boolean;
}

export interface Migration {
  tag: string;
  /** Journal timestamp; stored as created_at like drizzle does. */
  when: number;
  /** sha256 of the whole .sql file, the identity drizzle records too. */
  hash: string;
  statements: string[];
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => {
      const text = readFileSync(join(dir, `${entry.tag}.sql`), 'utf8');
      const parts = entry.breakpoints ? text.split('--> statement-breakpoint') : [text];
      return {
        tag: entry.tag,
        when: entry.when,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: parts.map((s) => s.trim()).filter((s) => s.length > 0),
      };
    });
}

/** Applies every migration not yet recorded; returns the tags it applied (empty when up to date). */
export function migrate(sqlite: Database.Database, migrations: Migration[] = readMigrations()): string[] {
  const applied: string[] = [];
  // A migration that rebuilds a table (drizzle-kit's way to change a CHECK) drops the old one:
  // with foreign keys on, that DELETE cascades to every row that references it (params, metrics,
  // artifacts). SQLite ignores PRAGMA foreign_keys inside a transaction, so the migration's own
  // "PRAGMA foreign_keys=OFF" is a no-op here: switch them off around the transaction instead,
  // and check the references before switching back.
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrateInTransaction(sqlite, migrations, applied);
    const broken = applied.length === 0 ? [] : (sqlite.pragma('foreign_key_check') as unknown[]);
    if (broken.length > 0) throw new Error(`registry: migrations ${applied.join(', ')} left ${broken.length} broken reference(s); restore the database from a copy`);
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
  return applied;
}

function migrateInTransaction(sqlite: Database.Database, migrations: Migration[], applied: string[]): void {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    // Same table and columns as drizzle's migrator, so drizzle-kit and drizzle tooling agree.
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)',
    );
    const done = new Set(
      (sqlite.prepare('SELECT hash FROM "__drizzle_migrations"').all() as { hash: string }[]).map((r) => r.hash),
    );
    const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)');
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.statements) sqlite.exec(statement);
      record.run(m.hash, m.when);
      applied.push(m.tag);
    }
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}
