// Training curves of the generators (LDDM stages, cINN parts): each run's 'train' metrics by step.
import type { Registry } from '@lddm/registry';
import { GENERATOR_TRAINING_KINDS } from './contract';
import { finishedRuns } from './finished-runs';

export interface LossCurve {
  runId: number;
  kind: string;
  ratio: string | null;
  /** 'loss' or a component such as 'l1', 'kl'. */
  metric: string;
  /** Ordered by step; NaN values (stored as null) are dropped. */
  points: Array<{ step: number; value: number }>;
}

export function collectLossCurves(
  registry: Registry,
  opts: { kinds?: readonly string[]; experiment?: string } = {},
): LossCurve[] {
  const curves: LossCurve[] = [];
  for (const kind of opts.kinds ?? GENERATOR_TRAINING_KINDS) {
    for (const { run, params } of finishedRuns(registry, kind, opts.experiment).reverse()) {
      const byMetric = new Map<string, LossCurve['points']>();
      for (const m of registry.metrics(run.id)) {
        if (m.split !== 'train' || m.step === null || m.value === null) continue;
        const points = byMetric.get(m.name) ?? [];
        points.push({ step: m.step, value: m.value });
        byMetric.set(m.name, points);
      }
      const ratio = typeof params['ratio'] === 'string' ? params['ratio'] : null;
      for (const [metric, points] of byMetric)
        curves.push({ runId: run.id, kind, ratio, metric, points: points.sort((a, b) => a.step - b.step) });
    }
  }
  return curves;
}
