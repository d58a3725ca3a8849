import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { Spade } from './spade';

beforeAll(async () => {
  await initBackend('wasm');
});

const feature = (): tf.Tensor5D => tf.add(tf.mul(tf.randomNormal<tf.Rank.R5>([2, 3, 4, 4, 8], 0, 1, 'float32', 1), 3), 5);
const image = (seed: number): tf.Tensor4D => tf.randomUniform<tf.Rank.R4>([2, 8, 8, 1], -1, 1, 'float32', seed);

/** Per (sample, group) mean and variance of [B, T, H, W, C] with `groups` groups. */
function groupStats(x: tf.Tensor5D, groups: number): { mean: number[]; variance: number[] } {
  const [b, , , , c] = x.shape;
  const { mean, variance } = tf.moments(tf.reshape(x, [b, -1, groups, c / groups]), [1, 3]);
  return { mean: Array.from(mean.dataSync()), variance: Array.from(variance.dataSync()) };
}

describe('Spade', () => {
  it('with gamma = beta = 0 returns the affine-free GroupNorm of x (mean 0, variance 1 per group)', () => {
    const spade = new Spade(1, { channels: 8, imageChannels: 1, hidden: 6, groups: 4 });
    for (const conv of [spade.gamma, spade.beta]) {
      conv.weight.assign(tf.zerosLike(conv.weight));
      conv.bias?.assign(tf.zerosLike(conv.bias));
    }
    const out = spade.apply(feature(), image(2));
    expect(out.shape).toEqual([2, 3, 4, 4, 8]);
    const { mean, variance } = groupStats(out, 4);
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-4);
    for (const v of variance) expect(v).toBeCloseTo(1, 3);
  });

  it('depends on x0, with the same modulation for every frame', () => {
    const spade = new Spade(2, { channels: 8, imageChannels: 1, hidden: 6, groups: 4 });
    // A feature whose frames are equal: equal frames in, equal frames out.
    const frame = tf.randomNormal<tf.Rank.R5>([2, 1, 4, 4, 8], 0, 1, 'float32', 3);
    const x = tf.concat([frame, frame, frame], 1);
    const a = spade.apply(x, image(4));
    const b = spade.apply(x, image(5));
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeGreaterThan(1e-2);
    const [f0, , f2] = tf.split(a, 3, 1);
    expect(tf.max(tf.abs(tf.sub(f0, f2))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('has GroupNorm without affine parameters and checks x0', () => {
    const spade = new Spade(3, { channels: 8, imageChannels: 1, hidden: 6, groups: 4 });
    const names = spade.namedParameters().map(([n]) => n);
    expect(names.some((n) => n.startsWith('norm.'))).toBe(false);
    // shared 3x3 1->6, gamma and beta 3x3 6->8, each with bias.
    expect(spade.parameterCount()).toBe(9 * 6 + 6 + 2 * (9 * 6 * 8 + 8));
    expect(() => spade.apply(feature(), tf.zeros([2, 8, 8, 3]))).toThrow(/x0/);
  });
});
