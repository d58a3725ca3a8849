// Mean and spread over seeds: what a Table 2 cell shows as "mean +- std".

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  std: number;
}

export function summarize(values: readonly number[]): Summary | null {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return null;
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, std: Math.sqrt(variance) };
}

/** ours - paper, and which of the two is better given the metric's direction. */
export function compare(
  ours: number | null,
  paper: number | null,
  better: 'lower' | 'higher',
): { delta: number | null; oursBetter: boolean | null } {
  if (ours === null || paper === null) return { delta: null, oursBetter: null };
  const delta = ours - paper;
  if (delta === 0) return { delta, oursBetter: null };
  return { delta, oursBetter: better === 'higher' ? delta > 0 : delta < 0 };
}
