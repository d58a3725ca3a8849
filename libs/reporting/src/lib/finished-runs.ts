// The runs a report counts: finished runs of one kind, with their params, newest first; and the
// latest value of each metric of a split.
import type { MetricRecord, Registry, RunRecord } from '@lddm/registry';

export interface RunWithParams {
  run: RunRecord;
  params: Record<string, unknown>;
}

export function finishedRuns(registry: Registry, kind: string, experiment?: string): RunWithParams[] {
  return registry
    .listRuns({ kind, status: 'finished', experiment })
    .map((run) => ({ run, params: registry.params(run.id) }));
}

/**
 * Keeps the newest run per identity (e.g. cell + seed): a rerun replaces an earlier result
 * instead of counting twice. Input must be newest first (as finishedRuns returns).
 */
export function newestPer<T extends RunWithParams>(runs: readonly T[], identity: (r: T) => string): T[] {
  const seen = new Set<string>();
  return runs.filter((r) => {
    const id = identity(r);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** name -> the last logged metric of that name in the split (later rows overwrite earlier). */
export function metricsOfSplit(registry: Registry, runId: number, split: string): Map<string, MetricRecord> {
  const byName = new Map<string, MetricRecord>();
  for (const m of registry.metrics(runId)) if (m.split === split) byName.set(m.name, m);
  return byName;
}
