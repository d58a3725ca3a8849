import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openSqlite } from './connection';
import { migrate, MIGRATIONS_DIR, readMigrations } from './migrate';
import { artifacts, datasets, experiments, fileChecks, metrics, params, runInputs, runs } from './schema';
import { tempDir } from './testing';

const TABLES: SQLiteTable[] = [experiments, runs, runInputs, params, metrics, artifacts, datasets, fileChecks];

describe('migrations', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('give a fresh database every table with exactly the schema columns', () => {
    const db = openSqlite(t.dbPath);
    for (const table of TABLES) {
      const { name, columns } = getTableConfig(table);
      const actual = (db.pragma(`table_info(${name})`) as { name: string }[]).map((c) => c.name).sort();
      // Fails when schema.ts changed but `npm run db:generate` was not run.
      expect(actual, `table ${name}`).toEqual(columns.map((c) => c.name).sort());
    }
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(indexes).toEqual(expect.arrayContaining(['runs_key_status_idx', 'metrics_run_idx']));
    db.close();
  });

  it('are applied once: reopening applies nothing and records each migration once', () => {
    const first = new Database(t.dbPath);
    expect(migrate(first)).toEqual(readMigrations().map((m) => m.tag));
    expect(migrate(first)).toEqual([]);
    first.close();
    openSqlite(t.dbPath).close();
    const again = new Database(t.dbPath);
    const recorded = again.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get() as { n: number };
    expect(recorded.n).toBe(readMigrations().length);
    again.close();
  });

  it('apply only migrations that are new since the last open', () => {
    const dir = join(t.dir, 'migrations');
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const db = new Database(t.dbPath);
    migrate(db, readMigrations(dir));
    const journalPath = join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: object[] };
    journal.entries.push({ idx: 99, version: '6', when: Date.now(), tag: '0099_extra', breakpoints: true });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(dir, '0099_extra.sql'), 'CREATE TABLE extra (a int);\n--> statement-breakpoint\nCREATE TABLE extra2 (b int);');
    expect(migrate(db, readMigrations(dir))).toEqual(['0099_extra']);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('extra', 'extra2')").get()).toEqual({ n: 2 });
    db.close();
  });

  it('roll back a migration that fails half-way, leaving nothing recorded', () => {
    const dir = join(t.dir, 'bad');
    mkdirSync(join(dir, 'meta'), { recursive: true });
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ entries: [{ idx: 0, when: 1, tag: '0000_bad', breakpoints: true }] }));
    writeFileSync(join(dir, '0000_bad.sql'), 'CREATE TABLE ok (a int);\n--> statement-breakpoint\nNOT SQL AT ALL;');
    const db = new Database(t.dbPath);
    expect(() => migrate(db, readMigrations(dir))).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('keep every run, param, metric and artifact of a database made before 0001 (the runs table rebuild must not cascade)', () => {
    const all = readMigrations();
    const db = new Database(t.dbPath);
    db.pragma('foreign_keys = ON');
    migrate(db, all.slice(0, 1));
    db.exec(`INSERT INTO runs (id, kind, status, key, config, seed, profile, backend_name, backend_version, backend_threads, git_dirty, source_version, host, pid, started_at)
             VALUES (1, 'k', 'finished', 'key', '{}', 0, 'smoke', 'cpu', '0', 1, 0, 'v', 'h', 1, 0)`);
    db.exec(`INSERT INTO params (run_id, name, value) VALUES (1, 'p', '1')`);
    db.exec(`INSERT INTO metrics (run_id, name, value, ts) VALUES (1, 'm', 0.5, 0)`);
    db.exec(`INSERT INTO artifacts (run_id, path, sha256, bytes, kind, created) VALUES (1, '/x', 'abc', 3, 'k', 0)`);
    expect(migrate(db, all)).toEqual(all.slice(1).map((m) => m.tag));
    for (const table of ['runs', 'params', 'metrics', 'artifacts']) expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1); // restored
    // and the new status is allowed
    db.exec(`UPDATE runs SET status = 'corrupt' WHERE id = 1`);
    db.close();
  });

  it('open the database in WAL mode with foreign keys and a busy timeout', () => {
    const db = openSqlite(t.dbPath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(BUSY_TIMEOUT_MS).toBeGreaterThanOrEqual(5000);
    db.close();
  });
});
