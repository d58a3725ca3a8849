// The one owner of the run database. Apps and experiments ask it whether a run already exists
// (findFinished), open runs (startRun) and read results back; nobody else writes SQL to it.
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openSqlite } from './connection';
import { resolveDbPath } from './db-path';
import { sourceInfo } from './git-state';
import { isProcessAlive } from './process-alive';
import { RunHandle, type RegistryDb } from './run-handle';
import * as schema from './schema';
import { checkFile, sameState } from './file-check';
import { changedRecords, recordDigest, recordDigests } from './record-digest';
import { rememberFile } from './run-handle';
import {
  artifacts,
  datasets,
  fileChecks,
  experiments,
  metrics,
  params,
  runInputs,
  runs,
  type ArtifactRecord,
  type DatasetRecord,
  type ExperimentRecord,
  type MetricRecord,
  type RunRecord,
  type RunStatus,
} from './schema';

export interface RunSpec {
  kind: string;
  /** From runKey(); the registry stores it, it does not recompute it. */
  key: string;
  experiment?: string;
  config: unknown;
  seed: number;
  profile: string;
  backend: { name: string; version: string; threads: number };
  /** Keys of consumed runs and dataset fingerprints (the same list given to runKey). */
  inputs?: string[];
  /** Defaults to sourceVersion() of the cwd; pass the value used for the key if you have it. */
  sourceVersion?: string;
}

export interface RunFilter {
  kind?: string;
  status?: RunStatus;
  experiment?: string;
  /** Newest first; default all. */
  limit?: number;
}

export interface DatasetInput {
  fingerprint: string;
  kind: string;
  sourcePath: string;
  counts: Record<string, unknown>;
}

export class Registry {
  readonly db: RegistryDb;
  private readonly sqlite: Database.Database;

  constructor(readonly path: string) {
    this.sqlite = openSqlite(path);
    this.db = drizzle(this.sqlite, { schema });
  }

  /** Creates the experiment if new; a given description replaces the stored one. */
  ensureExperiment(name: string, description?: string): ExperimentRecord {
    insertExperiment(this.db, name, description);
    return this.db.select().from(experiments).where(eq(experiments.name, name)).get()!;
  }

  /** Latest finished run with this key: the cached result a new run would reproduce. */
  /**
   * The newest finished run with this key whose recorded files are all intact, or undefined.
   * A finished run whose files are missing or changed is marked 'corrupt' (kept as evidence,
   * never reused) and reported through onRejected; the caller then recomputes.
   */
  findReusable(key: string, onRejected?: (run: RunRecord, problems: string[]) => void): RunRecord | undefined {
    const finished = this.db.select().from(runs).where(and(eq(runs.key, key), eq(runs.status, 'finished'))).orderBy(desc(runs.endedAt), desc(runs.id)).all();
    for (const run of finished) {
      const problems = this.verifyArtifacts(run.id);
      if (problems.length === 0) return run;
      const error = problems.length === 1 ? problems[0] : `${problems[0]} (+${problems.length - 1} more)`;
      this.db.update(runs).set({ status: 'corrupt', error }).where(and(eq(runs.id, run.id), eq(runs.status, 'finished'))).run();
      onRejected?.(run, problems);
    }
    return undefined;
  }

  /**
   * One line per recorded file of the run that is missing or no longer matches its size and
   * sha256 (file-check.ts: unchanged files are not read again).
   */
  verifyArtifacts(runId: number): string[] {
    const problems: string[] = [];
    for (const artifact of this.artifacts(runId)) {
      const cached = this.db.select().from(fileChecks).where(eq(fileChecks.path, artifact.path)).get();
      const { problem, seen } = checkFile(artifact.path, artifact, cached);
      if (seen !== undefined && (cached === undefined || cached.sha256 !== seen.sha256 || !sameState(cached, seen))) rememberFile(this.db, artifact.path, seen);
      if (problem !== undefined) problems.push(problem);
    }
    return problems;
  }

  /** The digest of the run's params and metrics as they are now (compare with run.recordSha256). */
  recordDigest(runId: number): string {
    return recordDigest(this.db, runId);
  }

  /** Which params and metrics changed since the run ended ('metric test_acc', ...); [] if none or not recorded. */
  changedRecords(run: RunRecord): string[] {
    return run.recordDigests === null ? [] : changedRecords(run.recordDigests, recordDigests(this.db, run.id));
  }

  findFinished(key: string): RunRecord | undefined {
    return this.db
      .select()
      .from(runs)
      .where(and(eq(runs.key, key), eq(runs.status, 'finished')))
      .orderBy(desc(runs.endedAt), desc(runs.id))
      .limit(1)
      .get();
  }

  startRun(spec: RunSpec): RunHandle {
    const claim = this.claimRun(spec, { exclusive: false });
    if (claim.handle === undefined) throw new Error('startRun: unreachable');
    return claim.handle;
  }

  /**
   * Starts a run of spec.key unless, inside the same write transaction, another live process of
   * this host is already running that key (then `owner` is that run, to wait for) or a run of the
   * key has finished meanwhile (`finished`, to verify and reuse). With exclusive false it always
   * starts a run (startRun). One transaction makes check and insert atomic: of two processes
   * asking at once, one starts the run and the other sees it.
   */
  claimRun(spec: RunSpec, options: { exclusive: boolean; source?: ReturnType<typeof sourceInfo> }): { handle?: RunHandle; owner?: RunRecord; finished?: RunRecord } {
    checkSpec(spec);
    // Git is asked before the write lock is taken: it can take a moment on a large dirty tree.
    // A caller that claims repeatedly (waiting for an owner) passes it once.
    const source = options.source ?? sourceInfo();
    const row = {
      experiment: spec.experiment ?? null,
      kind: spec.kind,
      status: 'running' as const,
      key: spec.key,
      config: spec.config,
      seed: spec.seed,
      profile: spec.profile,
      backendName: spec.backend.name,
      backendVersion: spec.backend.version,
      backendThreads: spec.backend.threads,
      gitCommit: source.commit,
      gitDirty: source.dirty,
      sourceVersion: spec.sourceVersion ?? source.sourceVersion,
      host: hostname(),
      pid: process.pid,
      startedAt: new Date(),
    };
    const host = row.host;
    const outcome = this.db.transaction(
      (tx) => {
        if (options.exclusive) {
          const owner = tx
            .select()
            .from(runs)
            .where(and(eq(runs.key, spec.key), eq(runs.status, 'running'), eq(runs.host, host)))
            .all()
            .find((r) => r.pid !== process.pid && isProcessAlive(r.pid));
          if (owner !== undefined) return { owner, id: undefined, finished: undefined };
          const finished = tx.select().from(runs).where(and(eq(runs.key, spec.key), eq(runs.status, 'finished'))).limit(1).get();
          if (finished !== undefined) return { finished, id: undefined, owner: undefined };
        }
        if (spec.experiment) insertExperiment(tx, spec.experiment);
        const { id } = tx.insert(runs).values(row).returning({ id: runs.id }).get();
        const inputs = [...new Set(spec.inputs ?? [])].map((input) => ({ runId: id, input }));
        if (inputs.length > 0) tx.insert(runInputs).values(inputs).run();
        return { id, owner: undefined, finished: undefined };
      },
      { behavior: 'immediate' },
    );
    if (outcome.id !== undefined) return { handle: new RunHandle(this.db, outcome.id, spec.key) };
    return { owner: outcome.owner, finished: outcome.finished };
  }

  getRun(id: number): RunRecord | undefined {
    return this.db.select().from(runs).where(eq(runs.id, id)).get();
  }

  listRuns(filter: RunFilter = {}): RunRecord[] {
    const where: SQL[] = [];
    if (filter.kind !== undefined) where.push(eq(runs.kind, filter.kind));
    if (filter.status !== undefined) where.push(eq(runs.status, filter.status));
    if (filter.experiment !== undefined) where.push(eq(runs.experiment, filter.experiment));
    const query = this.db.select().from(runs).where(and(...where)).orderBy(desc(runs.id));
    return filter.limit !== undefined ? query.limit(filter.limit).all() : query.all();
  }

  metrics(runId: number): MetricRecord[] {
    return this.db.select().from(metrics).where(eq(metrics.runId, runId)).orderBy(asc(metrics.id)).all();
  }

  params(runId: number): Record<string, unknown> {
    const rows = this.db.select().from(params).where(eq(params.runId, runId)).orderBy(asc(params.name)).all();
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  artifacts(runId: number): ArtifactRecord[] {
    return this.db.select().from(artifacts).where(eq(artifacts.runId, runId)).orderBy(asc(artifacts.id)).all();
  }

  inputs(runId: number): string[] {
    const rows = this.db.select().from(runInputs).where(eq(runInputs.runId, runId)).orderBy(asc(runInputs.input)).all();
    return rows.map((r) => r.input);
  }

  /** Idempotent by fingerprint: the first record of a dataset wins (same content, same counts). */
  recordDataset(input: DatasetInput): DatasetRecord {
    this.db
      .insert(datasets)
      .values({ ...input, created: new Date() })
      .onConflictDoNothing({ target: datasets.fingerprint })
      .run();
    return this.getDataset(input.fingerprint)!;
  }

  getDataset(fingerprint: string): DatasetRecord | undefined {
    return this.db.select().from(datasets).where(eq(datasets.fingerprint, fingerprint)).get();
  }

  /**
   * Runs left 'running' by a process of this host that no longer exists become 'interrupted', so
   * a resumed grid recomputes them. Runs of other hosts are left alone: their pids mean nothing
   * here. (A recycled pid can keep a dead run 'running'; it is then only not marked, never lost.)
   */
  markStaleRuns(): RunRecord[] {
    const host = hostname();
    const candidates = this.db
      .select({ id: runs.id, pid: runs.pid })
      .from(runs)
      .where(and(eq(runs.status, 'running'), eq(runs.host, host)))
      .all()
      .filter((r) => r.pid !== process.pid && !isProcessAlive(r.pid));
    return candidates.flatMap(({ id, pid }) =>
      this.db
        .update(runs)
        .set({ status: 'interrupted', error: sql`coalesce(${runs.error}, ${`process ${pid} on ${host} ended without closing the run`})` })
        .where(and(eq(runs.id, id), eq(runs.status, 'running')))
        .returning()
        .all(),
    );
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}

/** Opens (creating and migrating if needed) the run database; see resolveDbPath for the default. */
export function openRegistry(opts: { path?: string } = {}): Registry {
  return new Registry(resolveDbPath(opts.path));
}

function insertExperiment(db: Pick<RegistryDb, 'insert'>, name: string, description?: string): void {
  const insert = db.insert(experiments).values({ name, description: description ?? null, created: new Date() });
  if (description === undefined) insert.onConflictDoNothing({ target: experiments.name }).run();
  else insert.onConflictDoUpdate({ target: experiments.name, set: { description } }).run();
}

function checkSpec(spec: RunSpec): void {
  const problems: string[] = [];
  if (!spec.kind) problems.push('kind is empty');
  if (!spec.key) problems.push('key is empty');
  if (spec.config === undefined) problems.push('config is missing');
  if (!Number.isInteger(spec.seed)) problems.push(`seed ${spec.seed} is not an integer`);
  if (!spec.profile) problems.push('profile is empty');
  if (!spec.backend?.name) problems.push('backend.name is empty');
  if (!Number.isInteger(spec.backend?.threads)) problems.push(`backend.threads ${spec.backend?.threads} is not an integer`);
  if (problems.length > 0) throw new Error(`startRun(${spec.kind || '?'}): ${problems.join('; ')}`);
}
