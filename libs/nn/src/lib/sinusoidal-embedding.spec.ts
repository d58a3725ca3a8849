import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, expect, it } from 'vitest';
import { sinusoidalEmbedding } from './sinusoidal-embedding';

beforeAll(async () => {
  await initBackend('wasm');
});

it('gives [sin(t f_i), cos(t f_i)] with f_i = 10000^(-i / half)', () => {
  const t = [0, 1, 17, 999];
  const dim = 8;
  const emb = sinusoidalEmbedding(t, dim);
  expect(emb.shape).toEqual([4, 8]);
  const values = emb.arraySync();
  t.forEach((time, row) => {
    for (let i = 0; i < 4; i++) {
      const f = Math.pow(10_000, -i / 4);
      expect(values[row][i]).toBeCloseTo(Math.sin(time * f), 3);
      expect(values[row][4 + i]).toBeCloseTo(Math.cos(time * f), 3);
    }
  });
  // Tensor input gives the same; distinct steps get distinct embeddings.
  expect(sinusoidalEmbedding(tf.tensor1d(t, 'int32'), dim).arraySync()).toEqual(values);
  expect(values[1]).not.toEqual(values[2]);
});

it('pads an odd dim with a zero column and rejects a bad dim', () => {
  const emb = sinusoidalEmbedding([3, 5], 5);
  expect(emb.shape).toEqual([2, 5]);
  expect(emb.arraySync().map((row) => row[4])).toEqual([0, 0]);
  expect(() => sinusoidalEmbedding([1], 1)).toThrow(/sinusoidalEmbedding: dim/);
});
