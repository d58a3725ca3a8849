import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedFeatures } from './feature-cache';

describe('cachedFeatures', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('computes once, reads the cache on the second call, and misses for another weights hash or video set', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'lddm-features-'));
    dirs.push(cacheDir);
    let calls = 0;
    const compute = async () => {
      calls++;
      return { data: Float32Array.from([1.5, -2, 3, 4.25, 5, 6]), n: 2, d: 3 };
    };
    const extractor = { id: 'i3d-kinetics400', weights: { sha256: 'aaa' } };
    const first = await cachedFeatures({ extractor, videoSetKey: 'test:real', compute, cacheDir });
    const second = await cachedFeatures({ extractor, videoSetKey: 'test:real', compute, cacheDir });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(calls).toBe(1);
    expect([...second.data]).toEqual([1.5, -2, 3, 4.25, 5, 6]);
    expect([second.n, second.d]).toEqual([2, 3]);

    const otherWeights = await cachedFeatures({ extractor: { ...extractor, weights: { sha256: 'bbb' } }, videoSetKey: 'test:real', compute, cacheDir });
    expect(otherWeights.cached).toBe(false);
    const otherSet = await cachedFeatures({ extractor, videoSetKey: 'test:fake', compute, cacheDir });
    expect(otherSet.cached).toBe(false);
    expect(calls).toBe(3);
    // Atomic writes leave no temporary files behind.
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
