// Table 1 as Markdown, read back from the registry by @lddm/reporting (ours beside the paper's),
// with each column header naming the extractor behind it (issue 7) — the rows and the extractor
// list below the table are reporting's table1Markdown, unchanged.
import type { Registry } from '@lddm/registry';
import { collectTable1, table1Markdown, TABLE1_BETTER, TABLE1_METRICS, type Table1Row } from '@lddm/reporting';

export interface Table1ReportOptions {
  experiment?: string;
  ratio?: string;
  generators?: readonly string[];
}

function header(rows: readonly Table1Row[]): string {
  const columns = TABLE1_METRICS.map((metric) => {
    const names = [...new Set(rows.flatMap((r) => r.values.filter((v) => v.metric === metric).flatMap((v) => v.extractors.map((e) => e.extractor))))];
    const arrow = TABLE1_BETTER[metric] === 'lower' ? '↓' : '↑';
    return `${metric.toUpperCase()} ${arrow}${names.length ? ` (${names.join(', ')})` : ''}`;
  });
  return `| generator | ratio | ${columns.join(' | ')} |`;
}

/** The Table 1 rows of the registry (optionally one experiment, ratio and set of generators) as Markdown. */
export function table1Report(registry: Registry, options: Table1ReportOptions = {}): { rows: Table1Row[]; markdown: string } {
  const rows = collectTable1(registry, { experiment: options.experiment }).filter(
    (r) => (options.ratio === undefined || r.ratio === options.ratio) && (options.generators === undefined || options.generators.includes(r.generator)),
  );
  const [, ...rest] = table1Markdown(rows).split('\n');
  return { rows, markdown: [header(rows), ...rest].join('\n') };
}
