// CSV and JSON exports of both tables: one flat row per number, ours beside the paper's, the
// delta and which is better. The JSON keeps seeds, CIs and run ids; the CSV is for spreadsheets.
import { renderTable, type Column } from './render-table';
import { TABLE1_BETTER } from './contract';
import type { Table1Row, Table1Value } from './collect-table1';
import type { Table2Cell } from './collect-table2';
import { betterLabel } from './format';
import { PAPER_SOURCE } from './paper';
import { compare } from './summary-stats';

type Flat2 = Table2Cell & { f1Cmp: ReturnType<typeof compare>; accCmp: ReturnType<typeof compare> };
type Flat1 = { row: Table1Row; value: Table1Value; cmp: ReturnType<typeof compare> };

const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v.toFixed(4)));

const TABLE2_COLUMNS: Column<Flat2>[] = [
  { header: 'model', value: (c) => c.model },
  { header: 'ratio', value: (c) => c.ratio },
  { header: 'regime', value: (c) => c.regime },
  { header: 'n_seeds', value: (c) => c.n },
  { header: 'f1_mean', value: (c) => round(c.f1.mean) },
  { header: 'f1_std', value: (c) => round(c.f1.std) },
  { header: 'paper_f1', value: (c) => c.paper?.f1 },
  { header: 'delta_f1', value: (c) => round(c.f1Cmp.delta) },
  { header: 'better_f1', value: (c) => betterLabel(c.f1Cmp.oursBetter, c.f1Cmp.delta) },
  { header: 'acc_mean', value: (c) => round(c.accuracy.mean) },
  { header: 'acc_std', value: (c) => round(c.accuracy.std) },
  { header: 'paper_acc', value: (c) => c.paper?.accuracy },
  { header: 'delta_acc', value: (c) => round(c.accCmp.delta) },
  { header: 'better_acc', value: (c) => betterLabel(c.accCmp.oursBetter, c.accCmp.delta) },
  // Keys, not ids: two copies that computed the same runs assign ids in the order their workers
  // finished, so a CSV with ids differed between identical runs (the JSON keeps both).
  { header: 'run_keys', value: (c) => c.runKeys.join(' ') },
];

const TABLE1_COLUMNS: Column<Flat1>[] = [
  { header: 'generator', value: (f) => f.row.generator },
  { header: 'ratio', value: (f) => f.row.ratio },
  { header: 'metric', value: (f) => f.value.metric },
  { header: 'n', value: (f) => f.value.ours?.n ?? 0 },
  { header: 'mean', value: (f) => round(f.value.ours?.mean) },
  { header: 'std', value: (f) => round(f.value.ours?.std) },
  { header: 'paper', value: (f) => f.value.paper },
  { header: 'delta', value: (f) => round(f.cmp.delta) },
  { header: 'better', value: (f) => betterLabel(f.cmp.oursBetter, f.cmp.delta) },
  { header: 'extractor', value: (f) => f.value.extractors.map((e) => e.extractor).join(' ') },
  { header: 'weights_sha256', value: (f) => f.value.extractors.map((e) => e.weightsSha256 ?? '').join(' ') },
  { header: 'weights_source', value: (f) => f.value.extractors.map((e) => e.weightsSource ?? '').join('; ') },
  { header: 'run_keys', value: (f) => f.row.runKeys.join(' ') },
];

const flat2 = (cells: readonly Table2Cell[]): Flat2[] =>
  cells.map((c) => ({
    ...c,
    f1Cmp: compare(c.f1.mean, c.paper?.f1 ?? null, 'higher'),
    accCmp: compare(c.accuracy.mean, c.paper?.accuracy ?? null, 'higher'),
  }));

const flat1 = (rows: readonly Table1Row[]): Flat1[] =>
  rows.flatMap((row) => row.values.map((value) => ({ row, value, cmp: compare(value.ours?.mean ?? null, value.paper, TABLE1_BETTER[value.metric]) })));

export const table2Csv = (cells: readonly Table2Cell[]) => renderTable(flat2(cells), TABLE2_COLUMNS, 'csv');
export const table1Csv = (rows: readonly Table1Row[]) => renderTable(flat1(rows), TABLE1_COLUMNS, 'csv');

/** Structured JSON: every cell with its seeds, CIs, paper value, comparison and provenance. */
export function table2Json(cells: readonly Table2Cell[]): string {
  const out = flat2(cells).map(({ f1Cmp, accCmp, ...cell }) => ({
    ...cell,
    compare: { f1: { ...f1Cmp, better: betterLabel(f1Cmp.oursBetter, f1Cmp.delta) }, accuracy: { ...accCmp, better: betterLabel(accCmp.oursBetter, accCmp.delta) } },
  }));
  return `${JSON.stringify({ units: 'percent', paperSource: PAPER_SOURCE, cells: out }, null, 2)}\n`;
}

export function table1Json(rows: readonly Table1Row[]): string {
  const out = rows.map((row) => ({
    ...row,
    values: row.values.map((v) => {
      const cmp = compare(v.ours?.mean ?? null, v.paper, TABLE1_BETTER[v.metric]);
      return { ...v, better: TABLE1_BETTER[v.metric], delta: cmp.delta, winner: betterLabel(cmp.oursBetter, cmp.delta) };
    }),
  }));
  return `${JSON.stringify({ paperSource: PAPER_SOURCE, rows: out }, null, 2)}\n`;
}
