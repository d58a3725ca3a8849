// The paper's published numbers, for side-by-side comparison. paper-tables.json is a verbatim
// copy of the project's shared/paper/tables.json (transcribed from Chen et al., MICCAI 2024,
// Tables 1 and 2); it is kept inside the library so a checkout renders without shared/.
import tables from './paper-tables.json';
import { MODEL_LABEL, splitRegime, type Generator, type Model, type Ratio, type Regime } from './contract';

export const PAPER_SOURCE: string = tables.source;

/** The paper's Table 1 columns (our SSIM / PSNR have no paper value). */
export type PaperTable1Column = 'FVD' | 'DTFVD' | 'LPIPS' | 'DIV';

/** Paper Table 1 value for a generator and one of our metric ids, or null when not published. */
export function paperTable1(generator: Generator, metric: string): number | null {
  const column = metric.toUpperCase() as PaperTable1Column;
  const row = tables.table1.rows[generator] as Record<string, number> | undefined;
  return row?.[column] ?? null;
}

export interface PaperTable2Value {
  /** Percentages, as printed. */
  f1: number;
  accuracy: number;
}

/** Paper Table 2 value for one cell, or null when the paper has none. */
export function paperTable2(model: Model, ratio: Ratio, regime: Regime): PaperTable2Value | null {
  const row = tables.table2.rows.find((r) => r.model === MODEL_LABEL[model] && r.ratio === ratio);
  if (!row) return null;
  const { group, generator } = splitRegime(regime);
  let pair: number[] | undefined;
  if (group === 'real') pair = row.real;
  else if (generator) pair = row[group][generator];
  if (!pair) return null;
  // tables.json lists [F1, Acc] (its "metrics" field).
  return { f1: pair[0], accuracy: pair[1] };
}
