// The run database, declared once. drizzle-kit turns this file into the SQL migrations under
// libs/registry/migrations; the record types every caller sees are inferred from it, so a column
// added here reaches the API without a hand-written interface going stale.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** sha256 of each param's value and of each metric name's rows, as stored when the run ended. */
export interface RecordDigests {
  params: Record<string, string>;
  metrics: Record<string, string>;
}

/**
 * A run is `running` until its handle ends it; `interrupted` means the process went away first;
 * `corrupt` is a finished run whose files no longer match their recorded hashes (never reused,
 * never deleted: it is evidence).
 */
export const RUN_STATUSES = ['running', 'finished', 'failed', 'interrupted', 'corrupt'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

// Millisecond timestamps: a grid can start several runs within the same second.
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const experiments = sqliteTable('experiments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  description: text('description'),
  created: timestamp('created').notNull(),
});

export const runs = sqliteTable(
  'runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // By name, not id: the name is unique and is what people filter and read.
    experiment: text('experiment').references(() => experiments.name),
    kind: text('kind').notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull(),
    key: text('key').notNull(),
    config: text('config', { mode: 'json' }).$type<unknown>().notNull(),
    seed: integer('seed').notNull(),
    profile: text('profile').notNull(),
    backendName: text('backend_name').notNull(),
    backendVersion: text('backend_version').notNull(),
    backendThreads: integer('backend_threads').notNull(),
    gitCommit: text('git_commit'),
    gitDirty: integer('git_dirty', { mode: 'boolean' }).notNull(),
    sourceVersion: text('source_version').notNull(),
    host: text('host').notNull(),
    pid: integer('pid').notNull(),
    startedAt: timestamp('started_at').notNull(),
    endedAt: timestamp('ended_at'),
    wallSeconds: real('wall_seconds'),
    error: text('error'),
    // sha256 of the run's params and metrics when it ended (record-digest.ts): an audit tells
    // an edit made in the database afterwards. Null for runs recorded before digests existed.
    recordSha256: text('record_sha256'),
    // The same per param and per metric name ({ params: {name: sha256}, metrics: {...} }), so that
    // an audit can name what was edited.
    recordDigests: text('record_digests', { mode: 'json' }).$type<RecordDigests>(),
  },
  (t) => [
    // findFinished: the reuse check before every run.
    index('runs_key_status_idx').on(t.key, t.status),
    // markStaleRuns and listRuns({ status }).
    index('runs_status_idx').on(t.status),
    index('runs_kind_idx').on(t.kind),
    index('runs_experiment_idx').on(t.experiment),
    // The enum above only types TypeScript; this keeps raw SQL writers honest too.
    check('runs_status_check', sql`${t.status} in (${sql.raw(RUN_STATUSES.map((s) => `'${s}'`).join(', '))})`),
  ],
);

/** What a run consumed: keys of earlier runs, or dataset fingerprints. */
export const runInputs = sqliteTable(
  'run_inputs',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    input: text('input').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.input] }), index('run_inputs_input_idx').on(t.input)],
);

export const params = sqliteTable(
  'params',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.name] })],
);

export const metrics = sqliteTable(
  'metrics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // SQLite stores NaN as NULL, so null here means the logged value was NaN (a diverged loss
    // is worth recording, not worth crashing over).
    value: real('value'),
    step: integer('step'),
    split: text('split'),
    // e.g. { extractor: 'i3d-lite', weightsSha256: '…' } for an FVD, so numbers from different
    // feature extractors are never compared by accident.
    extra: text('extra', { mode: 'json' }).$type<Record<string, unknown>>(),
    ts: timestamp('ts').notNull(),
  },
  (t) => [index('metrics_run_idx').on(t.runId, t.name)],
);

export const artifacts = sqliteTable(
  'artifacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    kind: text('kind').notNull(),
    created: timestamp('created').notNull(),
  },
  // Re-adding the same path to a run replaces its hash instead of duplicating it.
  (t) => [uniqueIndex('artifacts_run_path_idx').on(t.runId, t.path)],
);

export const datasets = sqliteTable('datasets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fingerprint: text('fingerprint').notNull().unique(),
  kind: text('kind').notNull(),
  sourcePath: text('source_path').notNull(),
  counts: text('counts', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  created: timestamp('created').notNull(),
});

/**
 * The last hash computed for a file, with the stat that identifies its state then: a file whose
 * device, inode, size, mtime and ctime are unchanged is not read again (ctime cannot be set back
 * by a user, so an edit that restores the mtime is still seen).
 */
export const fileChecks = sqliteTable('file_checks', {
  path: text('path').primaryKey(),
  dev: integer('dev').notNull(),
  ino: integer('ino').notNull(),
  bytes: integer('bytes').notNull(),
  mtimeNs: text('mtime_ns').notNull(),
  ctimeNs: text('ctime_ns').notNull(),
  sha256: text('sha256').notNull(),
  checked: timestamp('checked').notNull(),
});

export type ExperimentRecord = typeof experiments.$inferSelect;
export type RunRecord = typeof runs.$inferSelect;
export type RunInputRecord = typeof runInputs.$inferSelect;
export type MetricRecord = typeof metrics.$inferSelect;
export type ArtifactRecord = typeof artifacts.$inferSelect;
export type DatasetRecord = typeof datasets.$inferSelect;

