// The phantom writes the real layouts; the loaders must read them back as they were written.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBusi } from '../src/lib/busi';
import { loadBusv } from '../src/lib/busv';
import { loadClips } from '../src/lib/cached';
import { countByClass } from '../src/lib/dataset';
import { generatePhantom, type PhantomSummary } from '../src/lib/phantom';
import { phantomData } from '../src/lib/phantom/spec-helpers';
import { makeSplit } from '../src/lib/splits';
import { tempDir } from './fixtures';

describe('phantom -> loaders', () => {
  const out = join(tempDir(), 'phantom');
  let summary: PhantomSummary;
  beforeAll(async () => {
    summary = await generatePhantom(phantomData({ seed: 4, videos: 6, malignant: 4, minFrames: 16, maxFrames: 30, size: 32 }, { benign: 3, malignant: 2 }), { outDir: out, workers: 1 });
  });

  it('BUSV: the videos, labels and frame counts the phantom wrote; annotations checked', async () => {
    const ds = await loadBusv(summary.busvDir);
    expect(countByClass(ds.classes, ds.videos)).toEqual({ benign: 2, malignant: 4 });
    const written = new Map(summary.videos.map((v) => [v.id, v]));
    for (const v of ds.videos) {
      expect(v.className).toBe(written.get(v.id)!.label);
      expect(v.frameCount).toBe(written.get(v.id)!.frames);
    }
    expect(ds.errata).toEqual([]);
    expect(ds.annotations.map((a) => a.file).sort()).toEqual(['imagenet_vid_train_15frames.json', 'imagenet_vid_val.json']);
    expect(ds.annotations.reduce((s, a) => s + a.images, 0)).toBe(summary.counts.frames);
  });

  it('BUSI: the images and masks the phantom wrote', async () => {
    const ds = await loadBusi(summary.busiDir, { includeNormal: true });
    expect(countByClass(ds.classes, ds.images)).toEqual({ benign: 3, malignant: 2, normal: 1 });
    expect(ds.images.every((i) => i.maskPaths.length === 1)).toBe(true);
  });

  it('clips and a split of the phantom videos', async () => {
    const ds = await loadBusv(summary.busvDir);
    const { value } = await loadClips(ds, { size: 16, fit: 'fill', normalization: 'minus1-1', clipLength: 16, clipStride: 16, framesPerClip: 8, short: 'skip' }, { cacheDir: false });
    const expected = summary.videos.reduce((s, v) => s + Math.floor(v.frames / 16), 0);
    expect(value.shape).toEqual([expected, 8, 16, 16, 1]);
    const split = makeSplit(ds, '5:5', { seed: 0, stratified: true });
    expect(split.counts).toEqual({ train: { benign: 1, malignant: 2 }, test: { benign: 1, malignant: 2 } });
  });
});
