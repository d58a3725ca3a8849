// Provenance (the runs behind every number) and "what differs from the paper" as HTML.
import { datasetOrigin, type DatasetProvenance, type RunProvenance } from './collect-provenance';
import { fixed } from './format';
import { esc } from './html-escape';
import type { Difference } from './paper-differences';

export function provenanceHtml(runs: readonly RunProvenance[], datasets: readonly DatasetProvenance[]): string {
  if (runs.length === 0) return '<p class="empty">No finished runs.</p>';
  const origin = new Map(datasets.map((d) => [d.fingerprint, datasetOrigin(d)]));
  const rows = runs.map(
    (r) =>
      `<tr id="run-${r.runId}"><td>${r.runId}</td><td>${esc(r.kind)}</td><td>${esc(r.experiment ?? '')}</td>` +
      `<td>${r.datasets.map((f) => `<code title="${esc(f)}">${esc(origin.get(f) ?? '')} ${esc(f.slice(0, 10))}</code>`).join(' ')}</td>` +
      `<td>${esc(r.profile)}</td><td>${esc(r.backend)}</td><td>${r.seed}</td>` +
      `<td><code title="${esc(r.gitCommit ?? '')}">${esc((r.gitCommit ?? 'unknown').slice(0, 10))}</code>${r.gitDirty ? ' <span class="dirty">dirty</span>' : ''}</td>` +
      `<td>${r.wallSeconds === null ? '' : fixed(r.wallSeconds, 1)}</td><td>${esc(r.startedAt)}</td></tr>`,
  );
  return `<table class="prov" id="provenance">
<thead><tr><th>run</th><th>kind</th><th>experiment</th><th>datasets</th><th>profile</th><th>backend</th><th>seed</th><th>commit</th><th>wall s</th><th>started</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

export function differencesHtml(differences: readonly Difference[]): string {
  return `<ul class="differences">${differences
    .map(
      (d) =>
        `<li class="${d.warning ? 'warning' : ''}"><b>${esc(d.topic)}</b>: ${esc(d.text)}` +
        (d.details?.length ? `<ul>${d.details.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '') +
        '</li>',
    )
    .join('\n')}</ul>`;
}
