// Charts and figure strips as embedded images: everything inline, so report.html works from disk
// with no network. A strip whose file has gone missing is named, not silently dropped.
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ChartImage } from './charts';
import type { StripFigure } from './collect-strips';
import { dataUri, esc, MIME_BY_EXT } from './html-escape';

export function chartsHtml(charts: readonly ChartImage[]): string {
  if (charts.length === 0) return '<p class="empty">Nothing to chart yet.</p>';
  return `<div class="charts">${charts
    .map((c) => `<figure><img id="${esc(c.id)}" class="chart" alt="${esc(c.title)}" src="${dataUri(c.png, 'image/png')}"><figcaption>${esc(c.title)}</figcaption></figure>`)
    .join('\n')}</div>`;
}

function embedded(path: string, alt: string, cls: string): string {
  if (!existsSync(path)) return `<p class="missing">missing artifact: <code>${esc(path)}</code></p>`;
  const mime = MIME_BY_EXT[extname(path).slice(1).toLowerCase()] ?? 'application/octet-stream';
  return `<img class="${cls}" alt="${esc(alt)}" src="${dataUri(readFileSync(path), mime)}">`;
}

const SOURCE_LABEL: Record<string, string> = {
  'test': 'first frames of test videos: x0, generated frames, ground truth (as Fig. 2)',
  busi: 'generated from BUSI-like still images (as Fig. 3)',
};

export function stripsHtml(figures: readonly StripFigure[]): string {
  if (figures.length === 0) return '<p class="empty">No finished <code>synthesis</code> runs with strips yet.</p>';
  return figures
    .map((f) => {
      const label = `${f.generator ?? '?'} · ratio ${f.ratio ?? '?'} · ${SOURCE_LABEL[f.source ?? ''] ?? f.source ?? 'unknown source'} · run ${f.runId}`;
      const strips = f.strips.map((p) => embedded(p, `strip, run ${f.runId}`, 'strip')).join('\n');
      const animations = f.animations.map((a) => embedded(a.path, `animated ${a.format}, run ${f.runId}`, 'animation')).join('\n');
      const videos = f.videos.length ? `<p class="videos">frames: ${f.videos.map((v) => `<code>${esc(v)}</code>`).join(', ')}</p>` : '';
      return `<figure class="strip-figure">${strips}${animations ? `<div class="animations">${animations}</div>` : ''}<figcaption>${esc(label)}</figcaption>${videos}</figure>`;
    })
    .join('\n');
}
