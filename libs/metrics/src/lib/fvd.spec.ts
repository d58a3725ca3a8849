import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureExtractor } from './feature-extractor';
import { frechetDistance } from './frechet-distance';
import { fvd } from './fvd';

const dir = mkdtempSync(join(tmpdir(), 'fvd-'));
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in extractor: each video's feature is its per-frame means (d = frames). */
const extractor: FeatureExtractor = {
  id: 'frame-means',
  weights: { sha256: 'test', source: 'seeded-init' },
  inputSize: 4,
  dim: 4,
  features: (videos) => {
    const [n, t] = videos.shape;
    const data = tf.tidy(() => tf.mean(videos, [2, 3, 4]).dataSync() as Float32Array);
    return { data: Float32Array.from(data), n, d: t };
  },
  dispose: () => undefined,
};

describe('fvd', () => {
  it('features -> statistics -> Frechet distance, scaled, with the features cached per set', async () => {
    const real = tf.randomNormal([12, 4, 4, 4, 1], 0, 1, 'float32', 1) as tf.Tensor5D;
    const shifted = tf.add(tf.randomNormal([12, 4, 4, 4, 1], 0, 1, 'float32', 2), 3) as tf.Tensor5D;
    const cache = { dir, realKey: 'real', generatedKey: 'shifted' };
    const r = await fvd(extractor, real, shifted, { scale: 2, cache });
    const expected = frechetDistance(extractor.features(real), extractor.features(shifted)) * 2;
    expect(r).toEqual({ value: expected, realVideos: 12, generatedVideos: 12, featureDim: 4 });
    expect(r.value).toBeGreaterThan(2 * 4 * 8); // |mu1 - mu2|^2 alone is ~ 4 x 3^2
    expect(readdirSync(dir)).toHaveLength(2);
    const same = await fvd(extractor, real, real, { scale: 1, cache: { dir, realKey: 'real', generatedKey: 'real' } });
    expect(Math.abs(same.value)).toBeLessThan(1e-6);
    tf.dispose([real, shifted]);
  });
});
