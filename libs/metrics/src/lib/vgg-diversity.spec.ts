import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { VggDiversity } from './vgg-diversity';

describe('VggDiversity', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('is 0 for identical samples, positive for different ones, under both distances', async () => {
    const div = await VggDiversity.create({ size: 32, seed: 1, network: { width: 1 / 8 } });
    expect(div.weights.source).toBe('seeded-init');
    const one = tf.randomUniform([1, 2, 16, 16, 1], -1, 1, 'float32', 2) as tf.Tensor5D;
    const identical = tf.concat([one, one, one], 0) as tf.Tensor5D;
    const different = tf.randomUniform([3, 2, 16, 16, 1], -1, 1, 'float32', 3) as tf.Tensor5D;
    for (const distance of ['vgg-mse', 'vgg-cosine'] as const) {
      const result = div.diversity([identical, different], distance);
      expect(result.distance).toBe(distance);
      expect(Math.abs(result.perCondition[0])).toBeLessThan(1e-6 * Math.max(1, result.perCondition[1]));
      expect(result.perCondition[1]).toBeGreaterThan(0);
      expect(result.value).toBeCloseTo(result.perCondition[1] / 2, 8);
    }
    div.dispose();
  });

  it('matches the direct per-tap mean squared difference for two samples', async () => {
    const div = await VggDiversity.create({ size: 16, seed: 4, network: { width: 1 / 16 } });
    const samples = tf.randomUniform([2, 2, 16, 16, 1], -1, 1, 'float32', 5) as tf.Tensor5D;
    // Direct: taps of every frame of each sample, mean squared difference per tap, mean over taps.
    const frames = (i: number): tf.Tensor4D => tf.tile(tf.reshape(tf.slice(samples, [i, 0, 0, 0, 0], [1, -1, -1, -1, -1]), [2, 16, 16, 1]), [1, 1, 1, 3]);
    const ta = div.network.taps(frames(0));
    const tb = div.network.taps(frames(1));
    const direct = ta.reduce((s, t, l) => s + tf.mean(tf.squaredDifference(t, tb[l])).dataSync()[0], 0) / ta.length;
    expect(div.conditionDiversity(samples, 'vgg-mse')).toBeCloseTo(direct, 4);
    div.dispose();
  });
});
