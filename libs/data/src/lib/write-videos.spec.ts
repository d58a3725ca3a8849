import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBusv } from './busv';
import { toPixelBytes, videoStripAnimation, videoStripPng, writeVideosBusv } from './write-videos';

const dir = mkdtempSync(join(tmpdir(), 'write-videos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeVideosBusv', () => {
  it('writes videos that loadBusv reads back with their classes, frame counts and pixels', async () => {
    const [n, t, h, w] = [3, 4, 8, 8];
    const data = Float32Array.from({ length: n * t * h * w }, (_, i) => ((i % 17) / 8) - 1);
    const out = await writeVideosBusv(
      join(dir, 'syn'),
      { data, shape: [n, t, h, w, 1], normalization: 'minus1-1', labels: [0, 1, 1], classes: ['benign', 'malignant'], ids: ['a1', 'b2', 'c3'], sources: [{ image: 'x' }, { image: 'y' }, { image: 'z' }] },
      { generator: 'test' },
    );
    expect(out.videos).toEqual(['rawframes/benign/a1', 'rawframes/malignant/b2', 'rawframes/malignant/c3']);
    const loaded = await loadBusv(out.busvDir);
    expect(loaded.videos.map((v) => [v.id, v.className, v.frameCount]).sort()).toEqual([
      ['a1', 'benign', 4],
      ['b2', 'malignant', 4],
      ['c3', 'malignant', 4],
    ]);
    const first = await sharp(join(out.busvDir, 'rawframes/benign/a1/000000.png')).extractChannel(0).raw().toBuffer();
    expect(Array.from(first)).toEqual(Array.from(toPixelBytes(data.subarray(0, h * w), 'minus1-1')));
    const manifest = JSON.parse(readFileSync(out.manifestPath, 'utf8'));
    expect(manifest.generator).toBe('test');
    expect(manifest.videos[2]).toMatchObject({ id: 'c3', class: 'malignant', image: 'z', frames: 4 });
    expect(out.records).toHaveLength(3);
    const record = JSON.parse(readFileSync(out.records[0], 'utf8'));
    expect(record).toMatchObject({ id: 'a1', class: 'benign', image: 'x', folder: 'busv/rawframes/benign/a1' });
    expect(record.frames).toHaveLength(4);
    expect(record.frames[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses mismatched inputs', async () => {
    await expect(writeVideosBusv(join(dir, 'bad'), { data: new Float32Array(5), shape: [1, 1, 2, 2, 1], normalization: '0-1', labels: [0], classes: ['a'], ids: ['x'] })).rejects.toThrow(/5 values/);
  });
});

describe('videoStripPng', () => {
  it('lays out x0 and frames in rows', async () => {
    const frames = Float32Array.from({ length: 4 * 2 * 2 }, (_, i) => (i < 4 ? -1 : 1));
    const png = videoStripPng([{ x0: new Float32Array(4).fill(0), frames, t: 4 }], { h: 2, w: 2 }, 'minus1-1', 2, 1);
    const img = sharp(png);
    const meta = await img.metadata();
    expect([meta.width, meta.height]).toEqual([3 * 2 + 2, 2]);
    const px = await img.extractChannel(0).raw().toBuffer();
    expect([px[0], px[3], px[6]]).toEqual([128, 0, 255]);
  });
});

describe('videoStripAnimation', () => {
  it('makes one page per frame, as GIF and as WebP', async () => {
    const frames = Float32Array.from({ length: 3 * 2 * 2 }, (_, i) => (Math.floor(i / 4) - 1) / 2);
    for (const format of ['gif', 'webp'] as const) {
      const anim = await videoStripAnimation([{ x0: new Float32Array(4), frames, t: 3 }], { h: 2, w: 2 }, 'minus1-1', format);
      const meta = await sharp(anim, { animated: true }).metadata();
      expect(meta.format).toBe(format);
      expect(meta.pages).toBe(3);
    }
  });
});
