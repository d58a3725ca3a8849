import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientErrors, randomTensor, randomVariable } from '../testing/grad-check';
import { GroupNorm, instanceNorm } from './group-norm';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Mean and (biased) variance of each (sample, group) block, computed in JS. */
function groupStats(y: tf.Tensor, groups: number): Array<{ mean: number; variance: number }> {
  const values = y.dataSync();
  const [n, c] = [y.shape[0], y.shape[y.rank - 1]];
  const perSample = values.length / n;
  const perGroup = c / groups;
  const stats: Array<{ mean: number; variance: number }> = [];
  for (let s = 0; s < n; s++) {
    for (let g = 0; g < groups; g++) {
      const picked: number[] = [];
      for (let i = 0; i < perSample; i++) if (Math.floor((i % c) / perGroup) === g) picked.push(values[s * perSample + i]);
      const mean = picked.reduce((a, b) => a + b, 0) / picked.length;
      stats.push({ mean, variance: picked.reduce((a, b) => a + (b - mean) ** 2, 0) / picked.length });
    }
  }
  return stats;
}

describe('GroupNorm', () => {
  it('normalises each group of each sample to mean 0, variance 1 (rank 4 and 5, affine off)', () => {
    const cases: Array<[tf.Tensor4D | tf.Tensor5D, number]> = [
      [tf.add(tf.mul(randomTensor([2, 5, 4, 6], 1), 3), 2).as4D(2, 5, 4, 6), 3],
      [tf.add(tf.mul(randomTensor([2, 3, 4, 4, 8], 2), 0.5), -1).as5D(2, 3, 4, 4, 8), 2],
    ];
    for (const [x, groups] of cases) {
      const norm = new GroupNorm({ channels: x.shape[x.rank - 1], groups, affine: false, eps: 1e-6 });
      const y = norm.apply(x);
      expect(y.shape).toEqual(x.shape);
      expect(norm.namedParameters()).toEqual([]);
      for (const { mean, variance } of groupStats(y, groups)) {
        expect(Math.abs(mean)).toBeLessThan(1e-4);
        expect(variance).toBeCloseTo(1, 3);
      }
    }
  });

  it('InstanceNorm normalises every channel on its own', () => {
    // Channels on very different scales: a per-group norm would leave them unequal.
    const x = tf.mul(randomTensor([2, 3, 4, 5, 4], 3), tf.tensor1d([0.1, 1, 10, 100])).as5D(2, 3, 4, 5, 4);
    const norm = instanceNorm(4, { affine: false, eps: 1e-6 });
    expect(norm.groups).toBe(4);
    for (const { mean, variance } of groupStats(norm.apply(x), 4)) {
      expect(Math.abs(mean)).toBeLessThan(1e-4);
      expect(variance).toBeCloseTo(1, 3);
    }
  });

  it('applies gamma and beta per channel', () => {
    const norm = new GroupNorm({ channels: 4, groups: 2 });
    norm.gamma?.assign(tf.tensor1d([1, 2, 3, 4]));
    norm.beta?.assign(tf.tensor1d([0, 1, 0, -1]));
    const x = randomTensor([1, 3, 3, 4], 4).as4D(1, 3, 3, 4);
    const plain = new GroupNorm({ channels: 4, groups: 2, affine: false }).apply(x);
    const expected = tf.add(tf.mul(plain, tf.tensor1d([1, 2, 3, 4])), tf.tensor1d([0, 1, 0, -1]));
    expect(tf.max(tf.abs(tf.sub(norm.apply(x), expected))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('rejects bad configurations and inputs, naming the layer', () => {
    expect(() => new GroupNorm({ channels: 6, groups: 4 })).toThrow(/GroupNorm: channels \(6\) must be divisible by groups \(4\)/);
    expect(() => new GroupNorm({ channels: 6, groups: 3 }).apply(tf.zeros<tf.Rank.R4>([1, 2, 2, 4]))).toThrow(/GroupNorm: expected/);
  });

  it('has gradients equal to finite differences for input, gamma and beta', () => {
    const norm = new GroupNorm({ channels: 4, groups: 2 });
    const { gamma, beta } = norm;
    if (gamma === undefined || beta === undefined) throw new Error('expected affine parameters');
    gamma.assign(tf.add(randomTensor([4], 5), 1));
    beta.assign(randomTensor([4], 6));
    const x = randomVariable([2, 2, 3, 2, 4], 7);
    const errors = gradientErrors(() => norm.apply(tf.reshape<tf.Rank.R5>(x, [2, 2, 3, 2, 4])), { x, gamma, beta }, { eps: 2e-3 });
    for (const e of Object.values(errors)) expect(e).toBeLessThan(1e-2);
  });
});
