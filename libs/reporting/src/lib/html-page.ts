// report.html: one self-contained page (inline CSS, images as data: URIs, no script, no CDN).
import type { ChartImage } from './charts';
import { datasetOrigin } from './collect-provenance';
import { esc } from './html-escape';
import { chartsHtml, stripsHtml } from './html-figures';
import { differencesHtml, provenanceHtml } from './html-provenance';
import { REPORT_CSS } from './html-style';
import { table1Html } from './html-table1';
import { table2DetailHtml, table2Html } from './html-table2';
import { PAPER_SOURCE } from './paper';
import type { ReportData } from './report-data';

export function renderHtmlPage(data: ReportData, charts: { f1: readonly ChartImage[]; loss: readonly ChartImage[] }): string {
  const phantom = data.datasets.some((d) => datasetOrigin(d) === 'phantom');
  const profiles = data.profiles.map((p) => p.profile).join(', ') || 'none';
  const banner = `<p class="banner">${phantom ? '<b>Phantom data, not BUSV.</b> ' : ''}Profile(s): <b>${esc(profiles)}</b>. ` +
    `Read "What differs from the paper" before comparing any number with the paper's.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.title)}</title>
<style>${REPORT_CSS}</style>
</head><body>
<h1>${esc(data.title)}</h1>
<p>Generated ${esc(data.generatedAt)} from the run registry <code>${esc(data.registryPath)}</code>${data.experiment ? `, experiment <b>${esc(data.experiment)}</b>` : ''}. Paper values: ${esc(PAPER_SOURCE)}.</p>
${banner}
<h2 id="sec-table1">Table 1: quality of the generated videos</h2>
<p>Each metric: ours (mean ± std over runs), the paper's value, and our delta; the better of each pair is bold on green.</p>
${table1Html(data.table1)}
<h2 id="sec-table2">Table 2: classifiers trained on real, synthetic and real + synthetic videos (%)</h2>
<p>Ours are mean ± std over seeds (hover a value for each seed's 95% bootstrap CI; all in the detail table below). cINN rows are grey, LDDM rows black, as in the paper; Real is shared by both rows.</p>
${table2Html(data.table2)}
<h2 id="sec-charts">F1 across train:test ratios</h2>
${chartsHtml(charts.f1)}
<h2 id="sec-loss">Training curves of the generators</h2>
${chartsHtml(charts.loss)}
<h2 id="sec-figures">Generated videos</h2>
${stripsHtml(data.strips)}
<h2 id="sec-differences">What differs from the paper</h2>
${differencesHtml(data.differences)}
<h2 id="sec-detail">Table 2 detail: every seed with its confidence intervals</h2>
${table2DetailHtml(data.table2)}
<h2 id="sec-provenance">Provenance: every finished run</h2>
${provenanceHtml(data.provenance, data.datasets)}
</body></html>
`;
}
