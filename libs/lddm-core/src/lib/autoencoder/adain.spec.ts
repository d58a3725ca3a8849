import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdaIn } from './adain';

beforeAll(async () => {
  await initBackend('wasm');
});

const feature = (): tf.Tensor5D => tf.add(tf.mul(tf.randomNormal<tf.Rank.R5>([2, 2, 4, 4, 6], 0, 1, 'float32', 1), 2), -3);

/** Per (sample, channel) mean and variance over (T, H, W). */
function channelStats(x: tf.Tensor5D): { mean: number[]; variance: number[] } {
  const { mean, variance } = tf.moments(x, [1, 2, 3]);
  return { mean: Array.from(mean.dataSync()), variance: Array.from(variance.dataSync()) };
}

describe('AdaIn', () => {
  it('with gamma = 1, beta = 0 instance-normalises x over (T, H, W) per channel', () => {
    const adain = new AdaIn(1, { channels: 6, latent: { kind: 'vector', zDim: 5 } });
    const linear = adain.linear;
    if (linear?.bias === undefined) throw new Error('no linear');
    linear.weight.assign(tf.zerosLike(linear.weight));
    linear.bias.assign(tf.concat([tf.ones([6]), tf.zeros([6])]));
    const { mean, variance } = channelStats(adain.apply(feature(), tf.randomNormal([2, 5], 0, 1, 'float32', 2)));
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-4);
    for (const v of variance) expect(v).toBeCloseTo(1, 3);
  });

  it('sets each channel to gamma * n + beta from Linear(z)', () => {
    const adain = new AdaIn(2, { channels: 6, latent: { kind: 'vector', zDim: 5 } });
    const z = tf.randomNormal<tf.Rank.R2>([2, 5], 0, 1, 'float32', 3);
    const style = adain.linear?.apply(z);
    if (style === undefined) throw new Error('no linear');
    const [gamma, beta] = tf.split(style, 2, 1);
    const { mean, variance } = channelStats(adain.apply(feature(), z));
    const g = Array.from(gamma.dataSync());
    const b = Array.from(beta.dataSync());
    mean.forEach((m, i) => expect(m).toBeCloseTo(b[i] ?? NaN, 3));
    variance.forEach((v, i) => expect(v).toBeCloseTo((g[i] ?? NaN) ** 2, 2));
    const other = adain.apply(feature(), tf.randomNormal([2, 5], 0, 1, 'float32', 4));
    expect(tf.max(tf.abs(tf.sub(other, adain.apply(feature(), z)))).dataSync()[0]).toBeGreaterThan(1e-2);
  });

  it('takes a spatio-temporal z: per-position gamma, beta equal to a 1x1x1 conv of z upsampled to (T, H, W)', () => {
    const adain = new AdaIn(3, { channels: 6, latent: { kind: 'spatiotemporal', channels: 3, shape: [1, 2, 2] } });
    const z = tf.randomNormal<tf.Rank.R5>([2, 1, 2, 2, 3], 0, 1, 'float32', 5);
    const x = feature();
    const out = adain.apply(x, z);
    expect(out.shape).toEqual([2, 2, 4, 4, 6]);
    // Reference computation: nearest-resize z to (2, 4, 4) first, then the same 1x1x1 conv.
    const conv = adain.conv;
    if (conv === undefined) throw new Error('no conv');
    const zBig = tf.reshape<tf.Rank.R5>(tf.tile(tf.reshape(z, [2, 1, 2, 1, 2, 1, 3]), [1, 2, 1, 2, 1, 2, 1]), [2, 2, 4, 4, 3]);
    const [gamma, beta] = tf.split(conv.apply(zBig), 2, -1);
    const { mean, variance } = tf.moments(x, [1, 2, 3], true);
    const expected = tf.add(tf.mul(gamma, tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)))), beta);
    expect(tf.max(tf.abs(tf.sub(out, expected))).dataSync()[0]).toBeLessThan(1e-4);
    expect(() => adain.apply(x, tf.zeros([2, 1, 3, 3, 3]))).toThrow(/dividing/);
  });
});
