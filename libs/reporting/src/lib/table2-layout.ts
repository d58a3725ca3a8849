// Table 2 laid out as in the paper: per model and ratio a cINN row and an LDDM row; column
// groups Real (shared by both rows), Synthetic, Real+Synthetic, each with F1 and Acc. Every
// entry holds our mean +- std beside the paper's value, the delta and which is better.
import {
  GENERATORS,
  MODELS,
  RATIOS,
  REGIME_GROUPS,
  type Generator,
  type Model,
  type Ratio,
  type Regime,
  type RegimeGroup,
} from './contract';
import type { Table2Cell } from './collect-table2';
import { paperTable2 } from './paper';
import { compare, type Summary } from './summary-stats';

export const TABLE2_METRICS = ['f1', 'accuracy'] as const;
export type Table2Metric = (typeof TABLE2_METRICS)[number];

export interface Table2Entry {
  group: RegimeGroup;
  metric: Table2Metric;
  regime: Regime;
  ours: Summary | null;
  paper: number | null;
  delta: number | null;
  /** null when either side is missing or they tie. */
  oursBetter: boolean | null;
  cell: Table2Cell | null;
}

export interface Table2Row {
  model: Model;
  ratio: Ratio;
  generator: Generator;
  entries: Table2Entry[];
}

export function regimeOf(group: RegimeGroup, generator: Generator): Regime {
  return group === 'real' ? 'real' : (`${group}:${generator}` as Regime);
}

/** All 24 paper rows (4 models x 3 ratios x 2 generators), ours filled where runs exist. */
export function layoutTable2(cells: readonly Table2Cell[]): Table2Row[] {
  const find = (model: Model, ratio: Ratio, regime: Regime) =>
    cells.find((c) => c.model === model && c.ratio === ratio && c.regime === regime) ?? null;
  const rows: Table2Row[] = [];
  for (const model of MODELS)
    for (const ratio of RATIOS)
      for (const generator of GENERATORS) {
        const entries = REGIME_GROUPS.flatMap((group) =>
          TABLE2_METRICS.map((metric): Table2Entry => {
            const regime = regimeOf(group, generator);
            const cell = find(model, ratio, regime);
            const ours = cell ? cell[metric] : null;
            const paper = paperTable2(model, ratio, regime)?.[metric] ?? null;
            return { group, metric, regime, ours, paper, cell, ...compare(ours?.mean ?? null, paper, 'higher') };
          }),
        );
        rows.push({ model, ratio, generator, entries });
      }
  return rows;
}

/** Whether any of our cells exists in this row (rows without any result can be dimmed). */
export const rowHasResults = (row: Table2Row) => row.entries.some((e) => e.ours !== null);
