// One-line summaries of finished runs for the CLIs: a training run's loss at the start and the end,
// a synthesis run's checks (motion, fidelity to x0) with where its videos and strip are.
import type { Registry } from '@lddm/registry';

const fmt = (v: number | null | undefined) => (typeof v === 'number' ? v.toPrecision(4) : 'n/a');

/** First and last epoch means of a run's per-step 'loss' metric. */
export function lossTrend(registry: Registry, runId: number): { first: number; last: number; steps: number } | undefined {
  const metrics = registry.metrics(runId);
  const rows = metrics.filter((m) => m.name === 'loss' && m.step !== null && m.value !== null);
  const epochs = new Map<number, number[]>();
  const epochOf = new Map(metrics.filter((m) => m.name === 'epoch').map((m) => [m.step, m.value ?? 0]));
  for (const r of rows) {
    const e = epochOf.get(r.step) ?? 0;
    epochs.set(e, [...(epochs.get(e) ?? []), r.value ?? 0]);
  }
  if (epochs.size === 0) return undefined;
  const means = [...epochs.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v.reduce((s, x) => s + x, 0) / v.length);
  return { first: means[0], last: means[means.length - 1], steps: rows.length };
}

export function trainingLine(registry: Registry, label: string, runId: number, reused: boolean): string {
  const trend = lossTrend(registry, runId);
  return `${label.padEnd(14)} run ${runId} ${reused ? '(reused)' : '(new)   '} ${trend ? `loss ${fmt(trend.first)} (first epoch) -> ${fmt(trend.last)} (last epoch), ${trend.steps} steps` : ''}`;
}

export function synthesisLine(registry: Registry, label: string, runId: number, reused: boolean): string {
  const m = Object.fromEntries(registry.metrics(runId).map((r) => [r.name, r.value]));
  const artifacts = registry.artifacts(runId);
  const manifest = artifacts.find((a) => a.kind === 'manifest');
  const strip = artifacts.find((a) => a.kind === 'strip');
  return (
    `${label.padEnd(14)} run ${runId} ${reused ? '(reused)' : '(new)   '} ${String(m.videos ?? '?')} videos, motion ${fmt(m.motion)}` +
    `${m.real_motion !== undefined ? ` (real ${fmt(m.real_motion)})` : ''}, x0 L1 ${fmt(m.x0_l1)}\n${' '.repeat(15)}videos ${manifest?.path.replace(/manifest\.json$/, 'busv') ?? 'n/a'}\n${' '.repeat(15)}strip  ${strip?.path ?? 'n/a'}`
  );
}
