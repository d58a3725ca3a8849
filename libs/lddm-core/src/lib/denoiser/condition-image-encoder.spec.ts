import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionImageEncoder } from './condition-image-encoder';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('ConditionImageEncoder', () => {
  it('maps x0 [B, H, W, 1] to [B, condDim] for sizes that do not divide evenly', () => {
    const enc = new ConditionImageEncoder(1, { widths: [8, 16], groups: 4, condDim: 10 });
    for (const size of [8, 13]) {
      const x0 = tf.randomUniform<tf.Rank.R4>([3, size, size, 1], -1, 1, 'float32', 2);
      const c = enc.apply(x0);
      expect(c.shape).toEqual([3, 10]);
      expect(Array.from(c.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([x0, c]);
    }
    enc.dispose();
  });

  it('gives each image its own vector and the same weights for the same seed', () => {
    const a = new ConditionImageEncoder(5, { widths: [8], groups: 2, condDim: 4 });
    const b = new ConditionImageEncoder(5, { widths: [8], groups: 2, condDim: 4 });
    const x0 = tf.randomUniform<tf.Rank.R4>([2, 8, 8, 1], -1, 1, 'float32', 3);
    const ca = a.apply(x0);
    const cb = b.apply(x0);
    expect(Array.from(ca.dataSync())).toEqual(Array.from(cb.dataSync()));
    const [r0, r1] = ca.arraySync();
    expect(r0).not.toEqual(r1);
    tf.dispose([x0, ca, cb]);
    a.dispose();
    b.dispose();
  });

  it('rejects a width not divisible by groups and a wrong channel count', () => {
    expect(() => new ConditionImageEncoder(1, { widths: [6], groups: 4 })).toThrow(/divisible by groups/);
    const enc = new ConditionImageEncoder(1, { widths: [4], groups: 2, condDim: 3 });
    const x0 = tf.zeros<tf.Rank.R4>([1, 8, 8, 3]);
    expect(() => enc.apply(x0)).toThrow(/\[B, H, W, 1\]/);
    x0.dispose();
    enc.dispose();
  });
});
