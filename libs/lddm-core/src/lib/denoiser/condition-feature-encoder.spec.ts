import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionFeatureEncoder } from './condition-feature-encoder';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('ConditionFeatureEncoder', () => {
  it('returns c [B, condDim] and a feature map on the requested grid, for grids above and below its own', () => {
    const enc = new ConditionFeatureEncoder(1, { widths: [4, 8], groups: 2, condDim: 6 });
    expect(enc.mapChannels).toBe(8);
    const x0 = tf.randomUniform<tf.Rank.R4>([2, 16, 16, 1], -1, 1, 'float32', 2);
    // The CNN ends at 4x4: pool to 2x2, keep 4x4, enlarge to 5x3.
    for (const grid of [[2, 2], [4, 4], [5, 3]] as const) {
      const { vector, map } = enc.apply(x0, grid);
      expect(vector.shape).toEqual([2, 6]);
      expect(map.shape).toEqual([2, grid[0], grid[1], 8]);
      expect(Array.from(map.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([vector, map]);
    }
    // The map is spatial: the two halves of an image with a bright left half differ.
    const left = tf.concat([tf.ones<tf.Rank.R4>([1, 16, 8, 1]), tf.fill<tf.Rank.R4>([1, 16, 8, 1], -1)], 2);
    const { vector, map } = enc.apply(left, [2, 2]);
    const [row] = map.arraySync()[0];
    expect(row[0]).not.toEqual(row[1]);
    tf.dispose([x0, left, vector, map]);
    enc.dispose();
  });

  it('rejects a wrong channel count, naming the layer', () => {
    const enc = new ConditionFeatureEncoder(1, { widths: [4], groups: 2, condDim: 3 });
    const x0 = tf.zeros<tf.Rank.R4>([1, 8, 8, 3]);
    expect(() => enc.apply(x0, [2, 2])).toThrow(/ConditionFeatureEncoder: expected x0 of shape \[B, H, W, 1\]/);
    x0.dispose();
    enc.dispose();
  });
});
