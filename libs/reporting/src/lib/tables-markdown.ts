// tables.md: Table 1 and Table 2 in the paper's layout, each entry "ours (paper, delta)" with the
// better of the pair in bold, and the feature extractors named under Table 1.
import { MODEL_LABEL, REGIME_GROUPS, TABLE1_BETTER, TABLE1_METRICS } from './contract';
import { table1Extractors, type Table1Row } from './collect-table1';
import type { Table2Cell } from './collect-table2';
import { fixed, meanStd, signed } from './format';
import { PAPER_SOURCE } from './paper';
import { compare, type Summary } from './summary-stats';
import { layoutTable2 } from './table2-layout';

const GROUP_LABEL = { real: 'Real', synthetic: 'Synthetic', 'real+synthetic': 'Real+Synthetic' } as const;

function entry(ours: Summary | null, paper: number | null, delta: number | null, oursBetter: boolean | null): string {
  const o = meanStd(ours) || '–';
  const p = paper === null ? '–' : fixed(paper);
  const bold = (s: string, on: boolean) => (on ? `**${s}**` : s);
  const d = delta === null ? '' : ` (${signed(delta)})`;
  return `${bold(o, oursBetter === true)} / ${bold(p, oursBetter === false)}${d}`;
}

export function table1Markdown(rows: readonly Table1Row[]): string {
  const header = `| generator | ratio | ${TABLE1_METRICS.map((m) => `${m.toUpperCase()} ${TABLE1_BETTER[m] === 'lower' ? '↓' : '↑'}`).join(' | ')} |`;
  const lines = [header, `|---|---|${TABLE1_METRICS.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = row.values.map((v) => {
      const { delta, oursBetter } = compare(v.ours?.mean ?? null, v.paper, TABLE1_BETTER[v.metric]);
      return entry(v.ours, v.paper, delta, oursBetter);
    });
    lines.push(`| ${row.generator === 'lddm' ? 'LDDM' : 'cINN'} | ${row.ratio} | ${cells.join(' | ')} |`);
  }
  const extractors = table1Extractors(rows).map(
    (e) => `- ${e.metrics.map((m) => m.toUpperCase()).join(', ')}: extractor \`${e.extractor}\`${e.weightsSha256 ? `, weights sha256 \`${e.weightsSha256.slice(0, 16)}…\`` : ''}${e.weightsSource ? `, source: ${e.weightsSource}` : ''}`,
  );
  return [...lines, '', 'Feature extractors:', ...(extractors.length ? extractors : ['- (none recorded)'])].join('\n');
}

export function table2Markdown(cells: readonly Table2Cell[]): string {
  const groups = REGIME_GROUPS.flatMap((g) => [`${GROUP_LABEL[g]} F1`, `${GROUP_LABEL[g]} Acc`]);
  const lines = [`| model | ratio | generator | ${groups.join(' | ')} |`, `|---|---|---|${groups.map(() => '---').join('|')}|`];
  for (const row of layoutTable2(cells)) {
    const values = row.entries.map((e) => entry(e.ours, e.paper, e.delta, e.oursBetter));
    lines.push(`| ${MODEL_LABEL[row.model]} | ${row.ratio} | ${row.generator === 'lddm' ? 'LDDM' : 'cINN'} | ${values.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function tablesMarkdown(table1: readonly Table1Row[], table2: readonly Table2Cell[]): string {
  return [
    '# LDDM reproduction: Table 1 and Table 2',
    '',
    `Each entry: ours (mean ± std over seeds) / the paper's value (our delta); the better of each pair in bold. Paper: ${PAPER_SOURCE}.`,
    '',
    '## Table 1: video quality (test split)',
    '',
    table1Markdown(table1),
    '',
    '## Table 2: classification with real, synthetic and real+synthetic training data (%)',
    '',
    'The Real columns have one value per model and ratio (repeated on the cINN and LDDM rows).',
    '',
    table2Markdown(table2),
    '',
  ].join('\n');
}
