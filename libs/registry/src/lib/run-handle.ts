// The write side of one run: what a trainer or evaluator holds while it works. Every method is a
// short synchronous SQLite write, so logging never reorders with the computation it describes.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { hashFileSync } from '@lddm/runtime/files';
import * as schema from './schema';
import { fileState, type FileState } from './file-check';
import { recordDigest, recordDigests } from './record-digest';
import { artifacts, fileChecks, metrics, params, runs, type ArtifactRecord, type RunRecord, type RunStatus } from './schema';

/** drizzle over better-sqlite3, with the raw connection as `$client` for pragmas and raw SQL. */
export type RegistryDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface MetricInput {
  name: string;
  value: number;
  step?: number;
  split?: string;
  /** e.g. { extractor, weightsSha256 } for FVD/FID, so incomparable numbers stay apart. */
  extra?: Record<string, unknown>;
}

export interface ArtifactInput {
  path: string;
  kind: string;
}

/** Stores the hash of a file with the stat it was computed for. */
export function rememberFile(db: Pick<RegistryDb, 'insert'>, path: string, seen: FileState & { sha256: string }): void {
  const row = { path, ...seen, checked: new Date() };
  db.insert(fileChecks).values(row).onConflictDoUpdate({ target: fileChecks.path, set: { ...seen, checked: row.checked } }).run();
}

export class RunHandle {
  private ended = false;
  private readonly startedHr = process.hrtime.bigint();

  constructor(
    private readonly db: RegistryDb,
    readonly id: number,
    readonly key: string,
  ) {}

  /** Upserts each entry by name; undefined values are skipped like JSON does. */
  logParams(record: Record<string, unknown>): void {
    this.assertOpen('logParams');
    const rows = Object.entries(record)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => ({ runId: this.id, name, value }));
    if (rows.length === 0) return;
    this.db
      .insert(params)
      .values(rows)
      .onConflictDoUpdate({ target: [params.runId, params.name], set: { value: sql`excluded.value` } })
      .run();
  }

  logMetric(metric: MetricInput): void {
    this.logMetrics([metric]);
  }

  /** All rows in one transaction: one fsync per batch instead of one per number. */
  logMetrics(batch: MetricInput[]): void {
    this.assertOpen('logMetrics');
    if (batch.length === 0) return;
    const ts = new Date();
    const rows = batch.map((m) => this.metricRow(m, ts));
    this.db.transaction((tx) => tx.insert(metrics).values(rows).run(), { behavior: 'immediate' });
  }

  /**
   * Records a file that is already complete (write it with writeFileAtomic first). Hashes it now,
   * so the stored sha256 is of the bytes on disk, not of what the caller meant to write.
   */
  addArtifact(input: ArtifactInput): ArtifactRecord {
    this.assertOpen('addArtifact');
    const path = resolve(input.path);
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      throw new Error(`run ${this.id}: artifact file not found: ${path}`);
    }
    if (!isFile) throw new Error(`run ${this.id}: artifact is not a regular file: ${path}`);
    const state = fileState(path);
    const { sha256, bytes } = hashFileSync(path);
    // The hash just computed stands for this state of the file until it changes (file-check.ts).
    if (state !== undefined && state.bytes === bytes) rememberFile(this.db, path, { ...state, sha256 });
    const row = { runId: this.id, path, sha256, bytes, kind: input.kind, created: new Date() };
    return this.db
      .insert(artifacts)
      .values(row)
      .onConflictDoUpdate({ target: [artifacts.runId, artifacts.path], set: { sha256, bytes, kind: row.kind, created: row.created } })
      .returning()
      .get();
  }

  finish(): RunRecord {
    return this.end('finished', null);
  }

  fail(error: unknown): RunRecord {
    return this.end('failed', describeError(error));
  }

  /** Used by withRun when the process is being stopped; the run may be resumed later. */
  interrupt(reason: string): RunRecord {
    return this.end('interrupted', reason);
  }

  private end(status: Exclude<RunStatus, 'running'>, error: string | null): RunRecord {
    this.ended = true;
    const wallSeconds = Number(process.hrtime.bigint() - this.startedHr) / 1e9;
    // Only this handle's own, still-open run: a run already finished stays finished, while one a
    // signal marked interrupted can still be finished if its work did complete after all.
    const updated = this.db
      .update(runs)
      .set({ status, endedAt: new Date(), wallSeconds, error, recordSha256: recordDigest(this.db, this.id), recordDigests: recordDigests(this.db, this.id) })
      .where(and(eq(runs.id, this.id), inArray(runs.status, ['running', 'interrupted'])))
      .returning()
      .get();
    return updated ?? this.db.select().from(runs).where(eq(runs.id, this.id)).get()!;
  }

  private metricRow(m: MetricInput, ts: Date): typeof metrics.$inferInsert {
    if (typeof m.name !== 'string' || m.name.length === 0) throw new Error(`run ${this.id}: metric needs a name`);
    if (typeof m.value !== 'number') throw new Error(`run ${this.id}: metric '${m.name}' value is not a number`);
    if (m.step !== undefined && !Number.isInteger(m.step)) {
      throw new Error(`run ${this.id}: metric '${m.name}' step ${m.step} is not an integer`);
    }
    return { runId: this.id, name: m.name, value: m.value, step: m.step ?? null, split: m.split ?? null, extra: m.extra ?? null, ts };
  }

  private assertOpen(what: string): void {
    if (this.ended) throw new Error(`run ${this.id}: ${what} after the run ended`);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
}
