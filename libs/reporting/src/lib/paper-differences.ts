// "What differs from the paper": facts read from the registry that a reader must know before
// comparing a number with the paper's, so a phantom number is never mistaken for a BUSV one.
import { datasetOrigin, type DatasetProvenance, type RunProvenance } from './collect-provenance';
import type { ProfileUse } from './collect-profiles';
import type { Extractor } from './collect-table1';
import type { Table2Cell } from './collect-table2';

export interface Difference {
  topic: string;
  text: string;
  /** Shown as a warning: the numbers are not comparable on this point. */
  warning: boolean;
  details?: string[];
}

export interface DifferenceInputs {
  datasets: readonly DatasetProvenance[];
  profiles: readonly ProfileUse[];
  extractors: readonly Extractor[];
  table2: readonly Table2Cell[];
  provenance: readonly RunProvenance[];
}

export function paperDifferences(inp: DifferenceInputs): Difference[] {
  const out: Difference[] = [];
  if (inp.datasets.length === 0) {
    out.push({ topic: 'Data', text: 'No dataset record (no finished data run): the data behind these numbers is unknown.', warning: true });
  } else {
    const origins = [...new Set(inp.datasets.map(datasetOrigin))];
    const phantom = origins.includes('phantom');
    out.push({
      topic: 'Data',
      text: phantom
        ? "PHANTOM data, NOT the paper's BUSV / BUSI: compare trends between columns, not values with the paper."
        : `Datasets: ${origins.join(', ')}.`,
      warning: phantom || !origins.includes('busv'),
      details: inp.datasets.map((d) => `${datasetOrigin(d)} (${d.kind}) ${d.fingerprint.slice(0, 12)} from ${d.sourcePath}: ${JSON.stringify(d.counts)}`),
    });
  }
  for (const p of inp.profiles) {
    const reduced = p.profile !== 'paper';
    out.push({
      topic: `Profile "${p.profile}"`,
      text: `${p.runs} run(s) (${p.kinds.join(', ')}). ${reduced ? "Sizes, widths and schedules are reduced from the paper's." : "The paper's sizes."}${p.description ? ` ${p.description}` : ''}`,
      warning: reduced,
      details: Object.entries(p.notes).map(([k, v]) => `${k}: ${v}`),
    });
  }
  for (const e of inp.extractors.filter((x) => x.extractor !== 'none')) {
    out.push({
      topic: `Feature extractor ${e.extractor}`,
      text: `Weights: ${e.weightsSource ?? 'source not recorded'}${e.weightsSha256 ? ` (sha256 ${e.weightsSha256.slice(0, 16)}…)` : ''}. FVD-type numbers are only comparable between runs with the same extractor weights, and with the paper's only when the weights are the paper's.`,
      warning: true,
    });
  }
  const seeds = [...new Set(inp.table2.map((c) => c.n))].sort((a, b) => a - b);
  if (seeds.length > 0)
    out.push({ topic: 'Seeds', text: `Table 2 entries are mean ± std over ${seeds.join(' / ')} seed(s) per cell; the paper reports one number per cell.`, warning: false });
  const f1Definitions = [...new Set(inp.table2.flatMap((c) => c.seeds.map((s) => s.f1Definition ?? 'not recorded')))];
  if (f1Definitions.length > 0) out.push({ topic: 'F1', text: `F1 as computed here: ${f1Definitions.join('; ')}.`, warning: false });
  const dirty = inp.provenance.filter((p) => p.gitDirty).length;
  if (dirty > 0) out.push({ topic: 'Source', text: `${dirty} run(s) ran from a checkout with uncommitted changes (git dirty).`, warning: true });
  return out;
}
