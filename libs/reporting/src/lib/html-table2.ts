// Table 2 as HTML in the paper's layout (model, ratio, cINN / LDDM rows; Real shared by both
// rows), ours beside the paper's value with delta and the better marked; per-seed CIs on hover
// and in a detail table below.
import { MODEL_LABEL, REGIME_GROUPS } from './contract';
import type { Table2Cell } from './collect-table2';
import { fixed, meanStd } from './format';
import { esc } from './html-escape';
import { pairCells } from './html-pair-cells';
import { layoutTable2, rowHasResults, type Table2Entry } from './table2-layout';

const GROUP_LABEL = { real: 'Real', synthetic: 'Synthetic', 'real+synthetic': 'Real + Synthetic' } as const;
const ci = (c: [number, number] | null) => (c ? `[${fixed(c[0])}, ${fixed(c[1])}]` : 'no CI');

function hover(e: Table2Entry): string {
  if (!e.cell) return 'no finished runs for this cell';
  const seeds = e.cell.seeds.map((s) => `seed ${s.seed} (run ${s.runId}): ${e.metric === 'f1' ? `F1 ${fixed(s.f1)} ${ci(s.f1Ci)}` : `Acc ${fixed(s.accuracy)} ${ci(s.accuracyCi)}`}`);
  return [`${e.regime}, n = ${e.cell.n} seeds`, ...seeds].join('\n');
}

export function table2Html(cells: readonly Table2Cell[]): string {
  const rows = layoutTable2(cells);
  const head1 = REGIME_GROUPS.map((g) => `<th colspan="6">${GROUP_LABEL[g]}</th>`).join('');
  const head2 = REGIME_GROUPS.map(() => '<th colspan="3">F1</th><th colspan="3">Acc</th>').join('');
  const head3 = REGIME_GROUPS.map(() => '<th>ours</th><th>paper</th><th>Δ</th>'.repeat(2)).join('');
  const body = rows.map((row, i) => {
    const first = i % 6 === 0;
    const firstOfRatio = i % 2 === 0;
    const lead =
      (first ? `<th rowspan="6" class="model">${MODEL_LABEL[row.model]}</th>` : '') +
      (firstOfRatio ? `<td rowspan="2">${esc(row.ratio)}</td>` : '') +
      `<td class="gen">${row.generator === 'lddm' ? 'LDDM' : 'cINN'}</td>`;
    const cellsHtml = row.entries
      .map((e) => {
        // Real is one result per model and ratio: drawn once, spanning the cINN and LDDM rows.
        if (e.group === 'real' && !firstOfRatio) return '';
        const td = pairCells(meanStd(e.ours), e.paper === null ? '' : fixed(e.paper), e.delta, e.oursBetter, hover(e));
        return e.group === 'real' ? td.replace(/<td /g, '<td rowspan="2" ') : td;
      })
      .join('');
    const classes = [row.generator, firstOfRatio ? 'ratio-start' : '', rowHasResults(row) ? '' : 'no-results'].filter(Boolean).join(' ');
    return `<tr class="${classes}">${lead}${cellsHtml}</tr>`;
  });
  return `<table class="t2" id="table2">
<thead><tr><th rowspan="3">model</th><th rowspan="3">ratio</th><th rowspan="3">generator</th>${head1}</tr><tr>${head2}</tr><tr>${head3}</tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>`;
}

/** Every cell's seeds with their bootstrap CIs, run ids and the F1 definition used. */
export function table2DetailHtml(cells: readonly Table2Cell[]): string {
  if (cells.length === 0) return '<p class="empty">No finished <code>classifier</code> runs in the registry yet.</p>';
  const rows = cells.flatMap((c) =>
    c.seeds.map(
      (s) =>
        `<tr><td>${MODEL_LABEL[c.model]}</td><td>${esc(c.ratio)}</td><td>${esc(c.regime)}</td><td>${s.seed}</td><td>${s.runId}</td>` +
        `<td>${fixed(s.accuracy)}</td><td>${ci(s.accuracyCi)}</td><td>${fixed(s.f1)}</td><td>${ci(s.f1Ci)}</td><td>${esc(s.f1Definition ?? '')}</td></tr>`,
    ),
  );
  return `<table class="detail" id="table2-detail">
<thead><tr><th>model</th><th>ratio</th><th>regime</th><th>seed</th><th>run</th><th>Acc</th><th>Acc 95% CI</th><th>F1</th><th>F1 95% CI</th><th>F1 definition</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}
