// Table 1 as HTML: per generator (and ratio) our metrics beside the paper's, delta, the better
// of each pair marked, and the feature extractors named under the table.
import { TABLE1_BETTER, TABLE1_METRICS } from './contract';
import { table1Extractors, type Table1Row } from './collect-table1';
import { fixed, meanStd } from './format';
import { esc } from './html-escape';
import { pairCells } from './html-pair-cells';
import { compare } from './summary-stats';

const GEN = { lddm: 'LDDM', cinn: 'cINN' } as const;

export function table1Html(rows: readonly Table1Row[]): string {
  if (rows.length === 0) return '<p class="empty">No finished <code>table1</code> runs in the registry yet.</p>';
  const head1 = TABLE1_METRICS.map((m) => `<th colspan="3">${m.toUpperCase()} ${TABLE1_BETTER[m] === 'lower' ? '↓' : '↑'}</th>`).join('');
  const head2 = TABLE1_METRICS.map(() => '<th>ours</th><th>paper</th><th>Δ</th>').join('');
  const body = rows
    .map((row) => {
      const cells = row.values.map((v) => {
        const { delta, oursBetter } = compare(v.ours?.mean ?? null, v.paper, TABLE1_BETTER[v.metric]);
        const title = `runs ${row.runIds.join(', ')}; n = ${v.ours?.n ?? 0}; extractor ${v.extractors.map((e) => e.extractor).join(', ') || 'unknown'}`;
        return pairCells(meanStd(v.ours, 3), v.paper === null ? '' : fixed(v.paper), delta, oursBetter, title);
      });
      return `<tr><th>${GEN[row.generator]}</th><td>${esc(row.ratio)}</td>${cells.join('')}</tr>`;
    })
    .join('\n');
  const extractors = table1Extractors(rows)
    .map(
      (e) =>
        `<li><b>${esc(e.metrics.map((m) => m.toUpperCase()).join(', '))}</b>: extractor <code>${esc(e.extractor)}</code>` +
        (e.weightsSha256 ? `, weights sha256 <code title="${esc(e.weightsSha256)}">${esc(e.weightsSha256.slice(0, 16))}…</code>` : '') +
        (e.weightsSource ? `, source: ${esc(e.weightsSource)}` : '') +
        '</li>',
    )
    .join('');
  return `<table class="t1" id="table1">
<thead><tr><th rowspan="2">method</th><th rowspan="2">ratio</th>${head1}</tr><tr>${head2}</tr></thead>
<tbody>
${body}
</tbody></table>
<p class="caption">Feature extractors behind these numbers:</p><ul class="extractors">${extractors || '<li>none recorded</li>'}</ul>`;
}
