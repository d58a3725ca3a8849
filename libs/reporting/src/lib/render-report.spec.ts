import type { Registry } from '@lddm/registry';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRegistry } from '../testing/fixture-registry';
import { buildReport, REPORT_FILES, type RenderedReport } from './render-report';

let registry: Registry;
let cleanup: () => void;
let report: RenderedReport;
beforeAll(async () => {
  ({ registry, cleanup } = await fixtureRegistry('reporting-render-'));
  report = buildReport(registry, { now: new Date('2026-01-02T03:04:05Z') });
});
afterAll(() => cleanup());

const pngUris = (html: string) => [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64'));

describe('renderReport', () => {
  it('writes every export', () => {
    expect(Object.keys(report.files).sort()).toEqual([...REPORT_FILES].sort());
  });

  it("Table 2 CSV: means and stds over seeds beside the paper's values, delta and winner", () => {
    const lines = report.files['table2.csv'].trim().split('\r\n');
    expect(lines[0]).toBe('model,ratio,regime,n_seeds,f1_mean,f1_std,paper_f1,delta_f1,better_f1,acc_mean,acc_std,paper_acc,delta_acc,better_acc,run_keys');
    const [, real] = lines;
    const cols = real.split(',');
    expect(cols.slice(0, 4)).toEqual(['c3d', '7:3', 'real', '2']);
    expect(Number(cols[4])).toBeCloseTo(68, 3);
    expect(Number(cols[5])).toBeCloseTo(2.8284, 3);
    expect(cols[6]).toBe('70.96');
    expect(Number(cols[7])).toBeCloseTo(68 - 70.96, 3);
    expect(cols[8]).toBe('paper');
    expect(Number(cols[9])).toBeCloseTo(72, 3);
    expect(cols[11]).toBe('73.21');
    // real+synthetic LDDM: ours 76 F1 > paper 75.20.
    const rs = lines.find((l) => l.startsWith('c3d,7:3,real+synthetic:lddm'))!.split(',');
    expect([Number(rs[4]), rs[6], rs[8]]).toEqual([76, '75.2', 'ours']);
  });

  it('Table 1 CSV and JSON: ours, the paper, direction-aware winner, extractor', () => {
    const fvd = report.files['table1.csv'].split('\r\n').find((l) => l.startsWith('lddm,7:3,fvd,'))!.split(',');
    expect(fvd.slice(3, 9)).toEqual(['1', '61.5', '0', '53.82', '7.68', 'paper']);
    expect(fvd[9]).toBe('i3d-lite');
    const json = JSON.parse(report.files['table1.json']);
    const div = json.rows.find((r: { generator: string }) => r.generator === 'lddm').values.find((v: { metric: string }) => v.metric === 'div');
    expect(div).toMatchObject({ paper: 1.07, better: 'higher', winner: 'ours' });
  });

  it('Markdown and HTML carry the paper layout with both values and the marked winner', () => {
    expect(report.files['tables.md']).toMatch(/\| C3D \| 7:3 \| LDDM \| 68\.00 ± 2\.83 \/ \*\*70\.96\*\* \(-2\.96\) \|/);
    const html = report.files['report.html'];
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
    // 24 paper rows in Table 2, and the paper's C3D 7:3 synthetic cINN F1 even without our run.
    const table2 = html.slice(html.indexOf('id="table2"'), html.indexOf('</table>', html.indexOf('id="table2"')));
    expect(table2.match(/<tr class="(cinn|lddm)/g)).toHaveLength(24);
    expect(table2).toContain('<td class="paper">32.89</td>');
    expect(table2).toMatch(/<td rowspan="2" class="ours" title="real, n = 2 seeds\nseed 1 \(run \d+\): F1 66\.00 \[54\.00, 76\.00\]/);
    expect(table2).toContain('<td rowspan="2" class="paper win">70.96</td>');
    expect(table2).toMatch(/<td class="ours win" title="[^"]*">76\.00 ± 2\.83<\/td><td class="paper">75\.20<\/td>/);
    expect(html).toMatch(/extractor <code>i3d-lite<\/code>, weights sha256 <code[^>]*>abababababababab…<\/code>, source: random init/);
    expect(html).toContain('PHANTOM data, NOT the paper&#39;s BUSV');
    expect(html).toMatch(/data:image\/gif;base64,R0lGOD/);
    expect(html).toMatch(/data:image\/webp;base64,UklGR/);
  });

  it('embeds decodable, non-blank chart PNGs (F1 per model with results, loss per training kind)', async () => {
    expect(report.charts.f1.map((c) => c.id)).toEqual(['f1-c3d', 'f1-tsm']);
    expect(report.charts.loss.map((c) => c.id)).toEqual(['loss-lddm-stage1', 'loss-lddm-stage2', 'loss-cinn-flow']);
    const images = pngUris(report.files['report.html']);
    expect(images.length).toBe(6); // 5 charts + 1 strip
    for (const png of images) {
      const meta = await sharp(png).metadata();
      expect(meta.format).toBe('png');
      expect(meta.width).toBeGreaterThan(100);
      const { channels } = await sharp(png).stats();
      // Axes, lines and text on white: every colour channel varies across the image.
      expect(channels.slice(0, 3).every((c) => c.stdev > 5 && c.min < 128 && c.max > 200)).toBe(true);
    }
    // Ours and the paper's F1 lines are both drawn: the chart has several hues, not only greys.
    const { data, info } = await sharp(report.charts.f1[0].png).raw().toBuffer({ resolveWithObject: true });
    const hues = new Set<string>();
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) hues.add(`${r >> 5},${g >> 5},${b >> 5}`);
    }
    expect(hues.size).toBeGreaterThan(3);
  });
});
