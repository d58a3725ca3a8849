import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { frechetDistance } from './frechet-distance';
import { I3dExtractor } from './i3d-extractor';

const small = { classes: 6, width: 1 / 16 };

describe('I3dExtractor', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('labels a seeded initialisation and hashes it: same seed same hash, other seed other hash', async () => {
    const a = await I3dExtractor.create({ id: 'i3d-kinetics400', output: 'logits', frames: 8, size: 32, seed: 1, network: small });
    const b = await I3dExtractor.create({ id: 'i3d-kinetics400', output: 'logits', frames: 8, size: 32, seed: 1, network: small });
    const c = await I3dExtractor.create({ id: 'i3d-kinetics400', output: 'logits', frames: 8, size: 32, seed: 2, network: small });
    expect(a.weights.source).toBe('seeded-init');
    expect(a.weights.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.weights.sha256).toBe(a.weights.sha256);
    expect(c.weights.sha256).not.toBe(a.weights.sha256);
    [a, b, c].forEach((e) => e.dispose());
  });

  it('gives [N, classes] logits or [N, pool] features, the same in any batch size, from grey clips of any size', async () => {
    const logits = await I3dExtractor.create({ id: 'i3d-kinetics400', output: 'logits', frames: 8, size: 32, seed: 3, network: small });
    const pool = await I3dExtractor.create({ id: 'i3d-dtdb', output: 'pool', frames: 8, size: 32, seed: 3, network: small });
    const videos = tf.randomUniform([3, 10, 24, 24, 1], -1, 1, 'float32', 4) as tf.Tensor5D;
    const one = logits.features(videos, { batchSize: 1 });
    const all = logits.features(videos, { batchSize: 3 });
    expect([one.n, one.d]).toEqual([3, 6]);
    for (let i = 0; i < one.data.length; i++) expect(one.data[i]).toBeCloseTo(all.data[i], 4);
    const p = pool.features(videos);
    expect([p.n, p.d]).toEqual([3, 64]);
    // Features of a set against themselves are at Frechet distance 0; another set is farther.
    const other = pool.features(tf.randomUniform([3, 10, 24, 24, 1], -1, 1, 'float32', 5) as tf.Tensor5D);
    expect(Math.abs(frechetDistance(p, p))).toBeLessThan(1e-6);
    expect(frechetDistance(p, other)).toBeGreaterThan(0);
    logits.dispose();
    pool.dispose();
  });
});
