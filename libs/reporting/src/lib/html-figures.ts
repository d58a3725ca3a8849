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

// Sampled latents far from stage 2's training latents (standardised std 1): clips decoded from them
// were saturated or black on the cpu profile before clipping (cpu.json notes). A flag, not a verdict.
const LATENT_STD_FLAG = 2;
const LATENT_OUTSIDE_FLAG = 0.01;

/** One line of what the synthesis run measured, with a warning when its latents left the training range. */
export function synthesisStatsHtml(stats: StripFigure['stats']): string {
  const n = (v: number | undefined, d = 3) => (v === undefined ? '?' : v.toFixed(d));
  const parts: string[] = [];
  if (stats.motion !== undefined) parts.push(`motion ${n(stats.motion)}${stats.real_motion !== undefined ? ` (real ${n(stats.real_motion)})` : ''}`);
  if (stats.x0_l1 !== undefined) parts.push(`first-frame L1 to x0 ${n(stats.x0_l1)}`);
  const latent = stats.latent_std !== undefined;
  if (latent) parts.push(`sampled latents (training: std 1): std ${n(stats.latent_std, 2)}, |mean| ${n(stats.latent_mean_abs, 2)}, ${n((stats.latent_outside_4sd ?? 0) * 100, 1)}% beyond 4 sd`);
  if (parts.length === 0) return '';
  const far = latent && ((stats.latent_std ?? 0) > LATENT_STD_FLAG || (stats.latent_outside_4sd ?? 0) > LATENT_OUTSIDE_FLAG);
  const warning = far ? ' <strong>warning: the sampled latents are far from the training latents; these videos may be degenerate</strong>' : '';
  return `<p class="synthesis-stats${far ? ' warning' : ''}">${esc(parts.join(' · '))}${warning}</p>`;
}

export function stripsHtml(figures: readonly StripFigure[]): string {
  if (figures.length === 0) return '<p class="empty">No finished <code>synthesis</code> runs with strips yet.</p>';
  return figures
    .map((f) => {
      const label = `${f.generator ?? '?'} · ratio ${f.ratio ?? '?'} · ${SOURCE_LABEL[f.source ?? ''] ?? f.source ?? 'unknown source'} · run ${f.runId}`;
      const strips = f.strips.map((p) => embedded(p, `strip, run ${f.runId}`, 'strip')).join('\n');
      const animations = f.animations.map((a) => embedded(a.path, `animated ${a.format}, run ${f.runId}`, 'animation')).join('\n');
      const videos = f.videos.length ? `<p class="videos">frames: ${f.videos.map((v) => `<code>${esc(v)}</code>`).join(', ')}</p>` : '';
      return `<figure class="strip-figure">${strips}${animations ? `<div class="animations">${animations}</div>` : ''}<figcaption>${esc(label)}</figcaption>${synthesisStatsHtml(f.stats)}${videos}</figure>`;
    })
    .join('\n');
}
