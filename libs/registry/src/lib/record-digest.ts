// A digest of what a run recorded (its params and metrics, not their timestamps), stored when the
// run ends: `evaluator audit` recomputes it, so a value edited in the database later is noticed.
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { RegistryDb } from './run-handle';
import { canonicalJson } from './run-key';
import { metrics, params } from './schema';

export function recordDigest(db: Pick<RegistryDb, 'select'>, runId: number): string {
  const p = db.select().from(params).where(eq(params.runId, runId)).orderBy(asc(params.name)).all();
  const m = db.select().from(metrics).where(eq(metrics.runId, runId)).orderBy(asc(metrics.id)).all();
  const body = canonicalJson({
    params: p.map((r) => [r.name, r.value]),
    metrics: m.map((r) => [r.name, r.value, r.step, r.split, r.extra]),
  });
  return createHash('sha256').update(body).digest('hex');
}
