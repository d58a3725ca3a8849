// A digest of what a run recorded (its params and metrics, not their timestamps), stored when the
// run ends: `evaluator audit` recomputes it, so a value edited in the database later is noticed.
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { RegistryDb } from './run-handle';
import { canonicalJson } from './run-key';
import { metrics, params, type RecordDigests } from './schema';

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

function rows(db: Pick<RegistryDb, 'select'>, runId: number) {
  const p = db.select().from(params).where(eq(params.runId, runId)).orderBy(asc(params.name)).all();
  const m = db.select().from(metrics).where(eq(metrics.runId, runId)).orderBy(asc(metrics.id)).all();
  return { p, m };
}

export function recordDigest(db: Pick<RegistryDb, 'select'>, runId: number): string {
  const { p, m } = rows(db, runId);
  return sha256({ params: p.map((r) => [r.name, r.value]), metrics: m.map((r) => [r.name, r.value, r.step, r.split, r.extra]) });
}

/** Per param and per metric name: which one an audit reports as edited. */
export function recordDigests(db: Pick<RegistryDb, 'select'>, runId: number): RecordDigests {
  const { p, m } = rows(db, runId);
  const byName = new Map<string, unknown[]>();
  for (const r of m) byName.set(r.name, [...(byName.get(r.name) ?? []), [r.value, r.step, r.split, r.extra]]);
  return {
    params: Object.fromEntries(p.map((r) => [r.name, sha256(r.value)])),
    metrics: Object.fromEntries([...byName].map(([name, list]) => [name, sha256(list)])),
  };
}

/** Names whose digest differs, appeared or vanished between two records: 'metric test_acc', 'param lr'. */
export function changedRecords(stored: RecordDigests, now: RecordDigests): string[] {
  const diff = (kind: string, a: Record<string, string>, b: Record<string, string>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().filter((k) => a[k] !== b[k]).map((k) => `${kind} ${k}`);
  return [...diff('param', stored.params, now.params), ...diff('metric', stored.metrics, now.metrics)];
}
