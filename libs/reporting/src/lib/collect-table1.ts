// Table 1 from the registry: per generator and ratio, each video-quality metric (mean +- std
// over runs) with the feature extractor that produced it, beside the paper's value.
import type { Registry } from '@lddm/registry';
import { GENERATORS, isOneOf, KIND, RATIOS, TABLE1_METRICS, type Generator, type Ratio, type Table1Metric } from './contract';
import { finishedRuns, metricsOfSplit, newestPer } from './finished-runs';
import { runProvenance, type RunProvenance } from './collect-provenance';
import { paperTable1 } from './paper';
import { summarize, type Summary } from './summary-stats';

export interface Extractor {
  /** e.g. 'i3d-lite'; 'none' for SSIM / PSNR. */
  extractor: string;
  weightsSha256: string | null;
  /** Where the weights came from (e.g. 'random-init, seed 7' or a converted checkpoint). */
  weightsSource: string | null;
}

export interface Table1Value {
  metric: Table1Metric;
  ours: Summary | null;
  paper: number | null;
  extractors: Extractor[];
}

export interface Table1Row {
  generator: Generator;
  ratio: Ratio;
  runIds: number[];
  /** The runs' keys (12-hex prefixes): unlike ids, the same in every copy that computed them. */
  runKeys: string[];
  values: Table1Value[];
  provenance: RunProvenance[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function collectTable1(registry: Registry, opts: { experiment?: string } = {}): Table1Row[] {
  const runs = finishedRuns(registry, KIND.table1, opts.experiment).filter(
    ({ params: p }) => isOneOf(GENERATORS, p['generator']) && isOneOf(RATIOS, p['ratio']),
  );
  const latest = newestPer(runs, (r) => `${r.params['generator']}|${r.params['ratio']}|${r.run.seed}`);
  const rows: Table1Row[] = [];
  for (const ratio of RATIOS)
    for (const generator of GENERATORS) {
      const members = latest.filter((r) => r.params['generator'] === generator && r.params['ratio'] === ratio);
      if (members.length === 0) continue;
      const tests = members.map((r) => metricsOfSplit(registry, r.run.id, 'test'));
      const values = TABLE1_METRICS.map((metric): Table1Value => {
        const records = tests.map((t) => t.get(metric)).filter((m) => m !== undefined);
        const extractors = new Map<string, Extractor>();
        for (const m of records) {
          const e = { extractor: str(m.extra?.['extractor']) ?? 'unknown', weightsSha256: str(m.extra?.['weightsSha256']), weightsSource: str(m.extra?.['weightsSource']) };
          extractors.set(JSON.stringify(e), e);
        }
        return {
          metric,
          ours: summarize(records.map((m) => m.value ?? Number.NaN)),
          paper: paperTable1(generator, metric),
          extractors: [...extractors.values()],
        };
      });
      rows.push({ generator, ratio, runIds: members.map((r) => r.run.id), runKeys: members.map((r) => r.run.key.slice(0, 12)), values, provenance: members.map((r) => runProvenance(registry, r.run)) });
    }
  return rows;
}

/** Every distinct extractor behind the table (what the report names under Table 1). */
export function table1Extractors(rows: readonly Table1Row[]): Array<Extractor & { metrics: Table1Metric[] }> {
  const byId = new Map<string, Extractor & { metrics: Table1Metric[] }>();
  for (const row of rows)
    for (const v of row.values)
      for (const e of v.extractors) {
        const id = JSON.stringify(e);
        const entry = byId.get(id) ?? { ...e, metrics: [] };
        if (!entry.metrics.includes(v.metric)) entry.metrics.push(v.metric);
        byId.set(id, entry);
      }
  return [...byId.values()];
}
