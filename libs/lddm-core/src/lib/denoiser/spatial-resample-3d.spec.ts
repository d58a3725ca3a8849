import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpatialDownsample3D, SpatialUpsample3D } from './spatial-resample-3d';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('SpatialDownsample3D / SpatialUpsample3D', () => {
  it('halve and double H and W and keep the time axis', () => {
    const down = new SpatialDownsample3D(1, 4);
    const up = new SpatialUpsample3D(2, 4);
    for (const frames of [1, 2]) {
      const x = tf.randomNormal<tf.Rank.R5>([2, frames, 8, 6, 4], 0, 1, 'float32', 1);
      const d = down.apply(x);
      expect(d.shape).toEqual([2, frames, 4, 3, 4]);
      const u = up.apply(d);
      expect(u.shape).toEqual([2, frames, 8, 6, 4]);
      tf.dispose([x, d, u]);
    }
    const x = tf.zeros<tf.Rank.R5>([1, 1, 4, 4, 3]);
    expect(() => down.apply(x)).toThrow(/Conv3d\(conv\)/);
    tf.dispose(x);
    down.dispose();
    up.dispose();
  });
});
