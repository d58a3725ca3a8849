import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectDataError, frameValue, tempDir, writeBusv } from '../../test/fixtures';
import { loadBusv } from './busv';
import { loadClips } from './cached';
import { firstFrames, selectClips } from './clip-set';
import type { VideoDataset } from './dataset';
import type { ClipPreprocess } from './preprocess';

const CONFIG: ClipPreprocess = { size: 6, fit: 'fill', normalization: 'minus1-1', clipLength: 8, clipStride: 8, framesPerClip: 4, short: 'skip' };

describe('loadClips with the tensor cache', () => {
  const root = tempDir();
  const cacheDir = join(tempDir(), 'cache');
  let ds: VideoDataset;
  beforeAll(async () => {
    await writeBusv(root, { benign: [['b1', 17], ['short', 5]], malignant: [['m1', 8]] });
    ds = await loadBusv(root);
  });

  it('builds clips: counts per video, uniform frames, x0 = first frame, range [-1, 1], short video recorded', async () => {
    const { value: set } = await loadClips(ds, CONFIG, { cacheDir: false });
    expect(set.videoIds).toEqual(['b1', 'b1', 'm1']);
    expect([...set.startFrame]).toEqual([0, 8, 0]);
    expect([...set.labels]).toEqual([0, 0, 1]);
    expect(set.skipped).toEqual([{ videoId: 'short', reason: '5 frames, shorter than one 8-frame clip' }]);
    expect(set.shape).toEqual([3, 4, 6, 6, 1]);
    const frame = 36;
    const pixel = (clip: number, t: number) => set.data[(clip * 4 + t) * frame + 7];
    // clip 1 of b1 takes frames 8, 10, 12, 14 (every second of 8)
    expect([0, 1, 2, 3].map((t) => Math.round((pixel(1, t) + 1) * 127.5))).toEqual([8, 10, 12, 14].map(frameValue));
    const x0 = firstFrames(set);
    expect(x0.length).toBe(3 * frame);
    for (let c = 0; c < 3; c++) expect(x0[c * frame + 7]).toBe(pixel(c, 0));
    expect(Math.min(...set.data)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...set.data)).toBeLessThanOrEqual(1);
    const test = selectClips(set, ['m1']);
    expect(test.shape[0]).toBe(1);
    expect(test.data).toEqual(set.data.subarray(2 * 4 * frame));
  });

  it('a repeated load decodes nothing; partial and damaged files are rebuilt, not loaded', async () => {
    const first = await loadClips(ds, CONFIG, { cacheDir });
    expect(first.cache.hit).toBe(false);
    expect(first.cache.rebuilt).toBeUndefined();
    expect(first.decoded).toBe(12);
    expect(existsSync(first.cache.path!)).toBe(true);

    const second = await loadClips(ds, CONFIG, { cacheDir });
    expect(second.cache).toMatchObject({ hit: true, path: first.cache.path });
    expect(second.decoded).toBe(0);
    expect(second.value.data).toEqual(first.value.data);
    expect(second.value.videoIds).toEqual(first.value.videoIds);
    expect(second.value.skipped).toEqual(first.value.skipped);

    truncateSync(first.cache.path!, statSync(first.cache.path!).size - 10);
    const third = await loadClips(ds, CONFIG, { cacheDir });
    expect(third.cache.hit).toBe(false);
    expect(third.cache.rebuilt).toMatch(/partial write/);
    expect(third.decoded).toBe(12);
    expect(third.value.data).toEqual(first.value.data);

    const bytes = readFileSync(first.cache.path!);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(first.cache.path!, bytes);
    const fourth = await loadClips(ds, CONFIG, { cacheDir });
    expect(fourth.cache.rebuilt).toMatch(/checksum mismatch/);
    expect((await loadClips(ds, CONFIG, { cacheDir })).cache.hit).toBe(true);
  });

  it('another preprocessing config or another dataset is another cache entry', async () => {
    const a = await loadClips(ds, CONFIG, { cacheDir });
    const b = await loadClips(ds, { ...CONFIG, framesPerClip: 2 }, { cacheDir });
    expect(b.cache.path).not.toBe(a.cache.path);
    expect(b.value.shape).toEqual([3, 2, 6, 6, 1]);
    const relabelled = await loadClips({ ...ds, videos: ds.videos.map((v) => ({ ...v, label: 1 - v.label })) }, CONFIG, { cacheDir });
    expect(relabelled.fingerprint).not.toBe(a.fingerprint);
    expect(relabelled.cache.hit).toBe(false);
  });

  it('bad input: a corrupt frame PNG is one line naming the file', async () => {
    const dir = tempDir();
    await writeBusv(dir, { benign: [['b', 8]], malignant: [['m', 8]] });
    const bad = join(dir, 'rawframes/malignant/m/000002.png');
    writeFileSync(bad, readFileSync(bad).subarray(0, 30));
    const broken = await loadBusv(dir);
    await expectDataError(loadClips(broken, CONFIG, { cacheDir: false }), bad, /cannot be decoded as an image.*replace the file/);
  });
});
