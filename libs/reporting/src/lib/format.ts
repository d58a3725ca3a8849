// Number formatting shared by every export: two decimals like the paper, signed deltas.
import type { Summary } from './summary-stats';

export const fixed = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '' : v.toFixed(digits);

export const signed = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '' : `${v > 0 ? '+' : v < 0 ? '-' : '±'}${Math.abs(v).toFixed(digits)}`;

/** "71.20 ± 1.30" (n > 1) or "71.20" (one seed); '' when missing. */
export const meanStd = (s: Summary | null, digits = 2): string =>
  s === null ? '' : s.n > 1 ? `${fixed(s.mean, digits)} ± ${fixed(s.std, digits)}` : fixed(s.mean, digits);

/** 'ours' | 'paper' | 'tie' | '' (missing). */
export const betterLabel = (oursBetter: boolean | null, delta: number | null): string =>
  delta === null ? '' : oursBetter === null ? 'tie' : oursBetter ? 'ours' : 'paper';
