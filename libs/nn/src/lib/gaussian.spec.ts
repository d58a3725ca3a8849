import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { klDivergence, sampleLatent, standardNormal } from './gaussian';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('standardNormal', () => {
  it('draws N(0, 1) from the Rng stream in order, reproducibly', () => {
    const a = standardNormal([2, 3], new Rng(5));
    const rng = new Rng(5);
    const expected = Array.from({ length: 6 }, () => Math.fround(rng.normal()));
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.dataSync())).toEqual(expected);
    const bigTensor = standardNormal([10_000], new Rng(6));
    const big = Array.from(bigTensor.dataSync());
    bigTensor.dispose();
    const mean = big.reduce((s, v) => s + v, 0) / big.length;
    const variance = big.reduce((s, v) => s + (v - mean) ** 2, 0) / big.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    tf.dispose(a);
    expect(() => standardNormal([2, -1], new Rng(1))).toThrow(/non-negative/);
  });
});

describe('sampleLatent and klDivergence', () => {
  it('z = mu + eps exp(0.5 logvar) with seeded eps; gradients flow to mu and logvar', () => {
    const mu = tf.tensor2d([[0.5, -1, 2]]);
    const logvar = tf.tensor2d([[0, Math.log(4), -2]]);
    const z1 = Array.from(sampleLatent(mu, logvar, new Rng(11)).dataSync());
    expect(Array.from(sampleLatent(mu, logvar, new Rng(11)).dataSync())).toEqual(z1);
    expect(Array.from(sampleLatent(mu, logvar, new Rng(12)).dataSync())).not.toEqual(z1);
    // eps recovered from z: (z - mu) / exp(0.5 logvar).
    const eps = [(z1[0] ?? 0) - 0.5, ((z1[1] ?? 0) + 1) / 2, ((z1[2] ?? 0) - 2) / Math.exp(-1)];
    const [gMu, gLogvar] = tf.grads((m: tf.Tensor, l: tf.Tensor) => tf.sum(sampleLatent(m, l, new Rng(11))))([mu, logvar]);
    expect(Array.from(gMu?.dataSync() ?? [])).toEqual([1, 1, 1]);
    // d z / d logvar = 0.5 eps exp(0.5 logvar).
    const dLogvar = Array.from(gLogvar?.dataSync() ?? []);
    [0.5 * (eps[0] ?? 0), 0.5 * (eps[1] ?? 0) * 2, 0.5 * (eps[2] ?? 0) * Math.exp(-1)].forEach((g, i) => expect(dLogvar[i]).toBeCloseTo(g, 5));
  });

  it('KL is 0.5 sum(mu^2 + exp(logvar) - 1 - logvar) per sample, mean over the batch', () => {
    const mu = tf.tensor2d([[1, 0], [0, 2]]);
    const logvar = tf.tensor2d([[0, Math.log(2)], [0, 0]]);
    // sample 0: 0.5 (1 + 0 + (2 - 1 - ln 2)) ; sample 1: 0.5 * 4.
    const expected = (0.5 * (1 + 1 - Math.log(2)) + 2) / 2;
    expect(klDivergence(mu, logvar).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(klDivergence(tf.zeros([3, 2, 2, 2, 4]), tf.zeros([3, 2, 2, 2, 4])).dataSync()[0]).toBe(0);
  });
});
