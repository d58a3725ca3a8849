// Everything the report shows, read from the registry in one pass.
import type { Registry } from '@lddm/registry';
import { collectLossCurves, type LossCurve } from './collect-loss-curves';
import { collectProfiles, type ProfileUse } from './collect-profiles';
import { collectDatasets, collectProvenance, type DatasetProvenance, type RunProvenance } from './collect-provenance';
import { collectStrips, type StripFigure } from './collect-strips';
import { collectTable1, table1Extractors, type Table1Row } from './collect-table1';
import { collectTable2, type Table2Cell } from './collect-table2';
import { paperDifferences, type Difference } from './paper-differences';

export interface ReportOptions {
  /** Only runs of this experiment (data runs and datasets are always included). */
  experiment?: string;
  title?: string;
  /** Fixed in tests; defaults to now. */
  now?: Date;
}

export interface ReportData {
  title: string;
  generatedAt: string;
  registryPath: string;
  experiment: string | null;
  table1: Table1Row[];
  table2: Table2Cell[];
  curves: LossCurve[];
  strips: StripFigure[];
  provenance: RunProvenance[];
  datasets: DatasetProvenance[];
  profiles: ProfileUse[];
  differences: Difference[];
}

export function collectReport(registry: Registry, opts: ReportOptions = {}): ReportData {
  const scope = { experiment: opts.experiment };
  const table1 = collectTable1(registry, scope);
  const table2 = collectTable2(registry, scope);
  const provenance = collectProvenance(registry, scope);
  const datasets = collectDatasets(registry);
  const profiles = collectProfiles(registry, scope);
  return {
    title: opts.title ?? 'LDDM reproduction report',
    generatedAt: (opts.now ?? new Date()).toISOString(),
    registryPath: registry.path,
    experiment: opts.experiment ?? null,
    table1,
    table2,
    curves: collectLossCurves(registry, scope),
    strips: collectStrips(registry, scope),
    provenance,
    datasets,
    profiles,
    differences: paperDifferences({ datasets, profiles, extractors: table1Extractors(table1), table2, provenance }),
  };
}
