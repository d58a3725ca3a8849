import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientErrors, randomTensor, randomVariable } from '../testing/grad-check';
import { Conv2d } from './conv2d';
import { Conv3d } from './conv3d';
import { gradientStep } from './gradient-step';
import { Linear } from './linear';
import { SpectralNorm } from './spectral-norm';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Largest singular value of a weight reshaped to [rest, out], by float64 power iteration on M^T M. */
function largestSingularValue(weight: tf.Tensor): number {
  const out = weight.shape[weight.rank - 1];
  const m = Float64Array.from(weight.dataSync());
  const rest = m.length / out;
  let x = Array.from({ length: out }, (_, i) => 1 + Math.sin(i + 1));
  let lambda = 0;
  for (let it = 0; it < 2000; it++) {
    const mx = new Float64Array(rest);
    for (let r = 0; r < rest; r++) for (let c = 0; c < out; c++) mx[r] += m[r * out + c] * x[c];
    const y = new Array<number>(out).fill(0);
    for (let r = 0; r < rest; r++) for (let c = 0; c < out; c++) y[c] += m[r * out + c] * mx[r];
    lambda = Math.sqrt(y.reduce((s, v) => s + v * v, 0));
    x = y.map((v) => v / lambda);
  }
  return Math.sqrt(lambda);
}

describe('SpectralNorm', () => {
  it('drives the largest singular value of the normalised weight to 1 over training forwards', () => {
    const sn = new SpectralNorm(1, (rng) => new Conv2d(rng, { inChannels: 3, outChannels: 5, kernel: 3, padding: 1 }), { initialIterations: 0 });
    const x = randomTensor([1, 4, 4, 3], 2).as4D(1, 4, 4, 3);
    const raw = largestSingularValue(sn.layer.weight);
    expect(Math.abs(largestSingularValue(sn.normalisedWeight()) - 1)).toBeGreaterThan(1e-3); // one random u is not enough
    for (let i = 0; i < 50; i++) sn.apply(x).dispose();
    expect(largestSingularValue(sn.normalisedWeight())).toBeCloseTo(1, 3);
    expect(sn.sigma()).toBeCloseTo(raw, 3);
  });

  it('works on Linear and Conv3d weights, with output shapes of the wrapped layer', () => {
    const lin = new SpectralNorm(2, (rng) => new Linear(rng, { inFeatures: 6, outFeatures: 4 }));
    expect(lin.apply(randomTensor([3, 6], 1).as2D(3, 6)).shape).toEqual([3, 4]);
    expect(largestSingularValue(lin.normalisedWeight())).toBeCloseTo(1, 2);
    const conv = new SpectralNorm(3, (rng) => new Conv3d(rng, { inChannels: 2, outChannels: 3, kernel: 3, padding: 1 }));
    expect(conv.apply(randomTensor([1, 2, 4, 4, 2], 1).as5D(1, 2, 4, 4, 2)).shape).toEqual([1, 2, 4, 4, 3]);
    expect(largestSingularValue(conv.normalisedWeight())).toBeCloseTo(1, 2);
  });

  it('updates u in training only; names its state under its path', () => {
    const sn = new SpectralNorm(4, (rng) => new Linear(rng, { inFeatures: 5, outFeatures: 4 }), { initialIterations: 0 });
    expect(Object.keys(sn.stateDict())).toEqual(['layer.weight', 'layer.bias', 'u', 'v']);
    expect(sn.parameters().every((p) => p.trainable)).toBe(true);
    const u = () => Array.from(sn.stateDict()['u'].dataSync());
    const x = randomTensor([2, 5], 1).as2D(2, 5);
    const before = u();
    sn.eval();
    sn.apply(x).dispose();
    expect(u()).toEqual(before);
    sn.train();
    sn.apply(x).dispose();
    expect(u()).not.toEqual(before);
  });

  it('has gradients equal to finite differences (eval mode: u, v fixed) through sigma', () => {
    const sn = new SpectralNorm(5, (rng) => new Conv2d(rng, { inChannels: 2, outChannels: 3, kernel: 3, padding: 1 })).eval();
    const x = randomVariable([1, 4, 4, 2], 6);
    const errors = gradientErrors(() => sn.apply(tf.reshape<tf.Rank.R4>(x, [1, 4, 4, 2])), { x, weight: sn.layer.weight }, { eps: 2e-3 });
    for (const e of Object.values(errors)) expect(e).toBeLessThan(1e-2);
  });
});

describe('SpectralNorm under gradientStep', () => {
  it('updates u inside a training step and leaks nothing', () => {
    const sn = new SpectralNorm(6, (rng) => new Linear(rng, { inFeatures: 4, outFeatures: 3 }), { initialIterations: 0 });
    const x = randomTensor([8, 4], 1).as2D(8, 4);
    const target = randomTensor([8, 3], 2).as2D(8, 3);
    const optimizer = tf.train.adam(0.01);
    const loss = () => tf.mean<tf.Scalar>(tf.squaredDifference(sn.apply(x), target));
    gradientStep(sn, loss, optimizer);
    const u = Array.from(sn.stateDict()['u'].dataSync());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) gradientStep(sn, loss, optimizer);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(sn.stateDict()['u'].dataSync())).not.toEqual(u);
  });
});
