import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, expect, it } from 'vitest';
import { Linear } from './linear';
import { loadState } from './load-state';

beforeAll(async () => {
  await initBackend('wasm');
});

const values = (m: Linear): number[][] => Object.values(m.stateDict()).map((v) => Array.from(v.dataSync()));

it('copies weights by name, and leaves the module untouched when they do not fit', () => {
  const a = new Linear(1, { inFeatures: 3, outFeatures: 2 });
  const b = new Linear(2, { inFeatures: 3, outFeatures: 2 });
  loadState(b, a.stateDict());
  expect(values(b)).toEqual(values(a));
  // The copy is by value: changing a later leaves b alone.
  a.weight.assign(tf.zerosLike(a.weight));
  expect(values(b)).not.toEqual(values(a));

  const c = new Linear(3, { inFeatures: 3, outFeatures: 2 });
  const before = values(c);
  expect(() => loadState(c, { weight: tf.zeros([3, 2]) })).toThrow(/Linear: missing bias/);
  expect(() => loadState(c, { weight: tf.zeros([2, 3]), bias: tf.zeros([2]) })).toThrow(/mismatched weight/);
  expect(() => loadState(c, { ...a.stateDict(), extra: tf.zeros([1]) })).toThrow(/unexpected extra/);
  expect(values(c)).toEqual(before);
});
