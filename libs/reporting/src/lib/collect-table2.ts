// Table 2 from the registry: one cell per (model, ratio, regime), mean +- std over seeds of the
// test accuracy and F1, each seed's bootstrap CI, and the runs behind it (contract.ts).
import type { Registry } from '@lddm/registry';
import { isOneOf, KIND, MODELS, RATIOS, REGIMES, type Model, type Ratio, type Regime } from './contract';
import { finishedRuns, metricsOfSplit, newestPer } from './finished-runs';
import { runProvenance, type RunProvenance } from './collect-provenance';
import { paperTable2, type PaperTable2Value } from './paper';
import { summarize, type Summary } from './summary-stats';

/** One seed's result; all values are percentages. */
export interface Table2Seed {
  runId: number;
  seed: number;
  accuracy: number;
  f1: number;
  accuracyCi: [number, number] | null;
  f1Ci: [number, number] | null;
  f1Definition: string | null;
}

export interface Table2Cell {
  model: Model;
  ratio: Ratio;
  regime: Regime;
  n: number;
  /** Over seeds, in percent. */
  accuracy: Summary;
  f1: Summary;
  seeds: Table2Seed[];
  runIds: number[];
  /** The runs' keys (12-hex prefixes): unlike ids, the same in every copy that computed them. */
  runKeys: string[];
  paper: PaperTable2Value | null;
  provenance: RunProvenance[];
}

const percent = (runId: number, name: string, value: number | null | undefined): number => {
  if (value === null || value === undefined) throw new Error(`classifier run ${runId}: test metric '${name}' is missing or NaN`);
  if (value < 0 || value > 1) throw new Error(`classifier run ${runId}: test metric '${name}' = ${value} is not a fraction in [0, 1]`);
  return value * 100;
};

function readSeed(registry: Registry, runId: number, seed: number, f1Definition: unknown): Table2Seed {
  const test = metricsOfSplit(registry, runId, 'test');
  const value = (name: string) => percent(runId, name, test.get(name)?.value);
  const ci = (metric: string): [number, number] | null =>
    test.has(`${metric}_ci_low`) && test.has(`${metric}_ci_high`) ? [value(`${metric}_ci_low`), value(`${metric}_ci_high`)] : null;
  return {
    runId,
    seed,
    accuracy: value('accuracy'),
    f1: value('f1'),
    accuracyCi: ci('accuracy'),
    f1Ci: ci('f1'),
    f1Definition: typeof f1Definition === 'string' ? f1Definition : null,
  };
}

/** Cells in the paper's order (model, ratio, regime); cells without runs are left out. */
export function collectTable2(registry: Registry, opts: { experiment?: string } = {}): Table2Cell[] {
  const runs = finishedRuns(registry, KIND.classifier, opts.experiment).filter(
    ({ params: p }) => isOneOf(MODELS, p['model']) && isOneOf(RATIOS, p['ratio']) && isOneOf(REGIMES, p['regime']),
  );
  const cellKey = (p: Record<string, unknown>) => `${p['model']}|${p['ratio']}|${p['regime']}`;
  // The seed param is the contract's; the run's own seed column is the fallback.
  const seedOf = (r: (typeof runs)[number]) => (typeof r.params['seed'] === 'number' ? r.params['seed'] : r.run.seed);
  const latest = newestPer(runs, (r) => `${cellKey(r.params)}|${seedOf(r)}`);

  const cells: Table2Cell[] = [];
  for (const model of MODELS)
    for (const ratio of RATIOS)
      for (const regime of REGIMES) {
        const members = latest
          .filter((r) => cellKey(r.params) === `${model}|${ratio}|${regime}`)
          .sort((a, b) => seedOf(a) - seedOf(b));
        if (members.length === 0) continue;
        const seeds = members.map((r) => readSeed(registry, r.run.id, seedOf(r), r.params['f1Definition']));
        cells.push({
          model,
          ratio,
          regime,
          n: seeds.length,
          accuracy: summarize(seeds.map((s) => s.accuracy))!,
          f1: summarize(seeds.map((s) => s.f1))!,
          seeds,
          runIds: seeds.map((s) => s.runId),
          runKeys: members.map((r) => r.run.key.slice(0, 12)),
          paper: paperTable2(model, ratio, regime),
          provenance: members.map((r) => runProvenance(registry, r.run)),
        });
      }
  return cells;
}
