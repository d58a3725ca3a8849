import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionImageEncoder } from './condition-image-encoder';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('ConditionImageEncoder', () => {
  it('maps x0 [B, H, W, 1] to [B, condDim] for sizes that do not divide evenly', () => {
    const enc = new ConditionImageEncoder(1, { condWidths: [8, 16], condDim: 10 }, 1);
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
    const a = new ConditionImageEncoder(5, { condWidths: [8], condDim: 4 }, 1);
    const b = new ConditionImageEncoder(5, { condWidths: [8], condDim: 4 }, 1);
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

  it('encode returns c [B, condDim] and a feature map on the requested grid, for grids above and below its own', () => {
    const enc = new ConditionImageEncoder(1, { condWidths: [4, 8], condDim: 6 }, 1);
    expect(enc.mapChannels).toBe(8);
    const x0 = tf.randomUniform<tf.Rank.R4>([2, 16, 16, 1], -1, 1, 'float32', 2);
    // The CNN ends at 4x4: no grid keeps it, pool to 2x2, keep 4x4, enlarge to 5x3.
    for (const grid of [undefined, [2, 2], [4, 4], [5, 3]] as const) {
      const { vector, map } = enc.encode(x0, grid);
      expect(vector.shape).toEqual([2, 6]);
      expect(map.shape).toEqual([2, grid?.[0] ?? 4, grid?.[1] ?? 4, 8]);
      expect(Array.from(map.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([vector, map]);
    }
    // encode's vector is apply's c; the 4x4 grid is the unresized map.
    const c = enc.apply(x0);
    const own = enc.encode(x0);
    const same = enc.encode(x0, [4, 4]);
    expect(Array.from(own.vector.dataSync())).toEqual(Array.from(c.dataSync()));
    const diff = tf.max(tf.abs(tf.sub(own.map, same.map))).dataSync()[0];
    expect(diff).toBeLessThan(1e-6);
    // The map is spatial: the two halves of an image with a bright left half differ.
    const left = tf.concat([tf.ones<tf.Rank.R4>([1, 16, 8, 1]), tf.fill<tf.Rank.R4>([1, 16, 8, 1], -1)], 2);
    const { vector, map } = enc.encode(left, [2, 2]);
    const [row] = map.arraySync()[0];
    expect(row[0]).not.toEqual(row[1]);
    tf.dispose([x0, c, own.vector, own.map, same.vector, same.map, left, vector, map]);
    enc.dispose();
  });

  it('takes its GroupNorm groups from the widths and rejects a wrong channel count, naming the layer', () => {
    expect(new ConditionImageEncoder(1, { condWidths: [8, 16], condDim: 4 }, 1).config.groups).toBe(8);
    expect(new ConditionImageEncoder(1, { condWidths: [6, 12], condDim: 4 }, 1).config.groups).toBe(6);
    const enc = new ConditionImageEncoder(1, { condWidths: [4], condDim: 3 }, 1);
    const x0 = tf.zeros<tf.Rank.R4>([1, 8, 8, 3]);
    expect(() => enc.apply(x0)).toThrow(/ConditionImageEncoder: expected x0 of shape \[B, H, W, 1\]/);
    expect(() => enc.encode(x0, [2, 2])).toThrow(/ConditionImageEncoder: expected x0 of shape \[B, H, W, 1\]/);
    x0.dispose();
    enc.dispose();
  });
});
