import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardNormal } from './gaussian-noise';

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
