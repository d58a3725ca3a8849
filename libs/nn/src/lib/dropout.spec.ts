import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, expect, it } from 'vitest';
import { Dropout } from './dropout';

beforeAll(async () => {
  await initBackend('wasm');
});

it('zeroes about rate of the elements and scales the rest in training; identity in eval', () => {
  const drop = new Dropout(1, 0.5);
  const x = tf.ones([4000]);
  const y = Array.from(drop.apply(x).dataSync());
  const zeros = y.filter((v) => v === 0).length;
  expect(zeros / y.length).toBeGreaterThan(0.45);
  expect(zeros / y.length).toBeLessThan(0.55);
  expect(y.every((v) => v === 0 || Math.abs(v - 2) < 1e-6)).toBe(true);
  drop.eval();
  expect(drop.apply(x)).toBe(x);
});

it('draws reproducible masks from its seed, and a new mask each call', () => {
  const x = tf.ones([64]);
  const a = new Dropout(7, 0.3);
  const b = new Dropout(7, 0.3);
  const first = Array.from(a.apply(x).dataSync());
  expect(Array.from(b.apply(x).dataSync())).toEqual(first);
  expect(Array.from(a.apply(x).dataSync())).not.toEqual(first);
  expect(() => new Dropout(1, 1)).toThrow(/Dropout: rate/);
});
