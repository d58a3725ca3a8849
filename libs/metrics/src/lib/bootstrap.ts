// Uncertainty of Table 2's numbers: a percentile bootstrap over test videos (Efron & Tibshirani
// 1993, ch. 13), seeded so that a report is reproducible, and mean +- std over training seeds.
import { Rng } from '@lddm/runtime';

export interface BootstrapOptions {
  /** Resamples (metrics.bootstrap.resamples; default 1000). */
  resamples?: number;
  /** Two-sided level (metrics.bootstrap.confidence; default 0.95). */
  confidence?: number;
  seed: number;
}

export interface ConfidenceInterval {
  /** The statistic on the full sample. */
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  resamples: number;
}

/** Linear interpolation between order statistics (numpy's default 'linear' percentile). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * Percentile CI of `statistic` over per-video items: each resample draws items.length items with
 * replacement. Items can be anything, e.g. { predicted, truth } per video for accuracy.
 */
export function bootstrapCi<T>(items: readonly T[], statistic: (sample: readonly T[]) => number, options: BootstrapOptions): ConfidenceInterval {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (items.length === 0) throw new Error('bootstrapCi: no items');
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrapCi: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`bootstrapCi: confidence must be in (0, 1), got ${confidence}`);
  const rng = new Rng(options.seed);
  const stats: number[] = [];
  const sample: T[] = new Array<T>(items.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[rng.int(items.length)];
    stats.push(statistic(sample));
  }
  stats.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return { estimate: statistic(items), lower: quantile(stats, alpha), upper: quantile(stats, 1 - alpha), confidence, resamples };
}

/** Mean and sample standard deviation (n - 1; 0 for a single value) over seeds. */
export function meanStd(values: readonly number[]): { mean: number; std: number; n: number } {
  if (values.length === 0) throw new Error('meanStd: no values');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0, n: values.length };
}
