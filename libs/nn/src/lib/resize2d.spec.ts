import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { resize2d } from './resize2d';
import { Upsample } from './upsample';

beforeAll(async () => {
  await initBackend('wasm');
});

// [1, 4, 4, 1] holding 0..15 row-major.
const ramp = (): tf.Tensor4D => tf.reshape<tf.Rank.R4>(tf.range(0, 16, 1, 'float32'), [1, 4, 4, 1]);

describe('resize2d', () => {
  it('nearest downscaling by 2 keeps pixels (0, 2) of each axis, as PyTorch mode=nearest', () => {
    expect(Array.from(resize2d(ramp(), [2, 2], 'nearest').dataSync())).toEqual([0, 2, 8, 10]);
  });

  it('nearest upscaling by an integer factor equals Upsample', () => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 3, 5, 2], 0, 1, 'float32', 1);
    const a = resize2d(x, [6, 15], 'nearest');
    const b = new Upsample([2, 3]).apply(x);
    expect(a.shape).toEqual([2, 6, 15, 2]);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
  });

  it('bilinear downscaling by 2 averages each 2x2 cell (half-pixel centres, align_corners=False)', () => {
    expect(Array.from(resize2d(ramp(), [2, 2], 'bilinear').dataSync())).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('returns a copy at the same size and rejects bad input', () => {
    const x = ramp();
    const y = resize2d(x, [4, 4]);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    expect(() => resize2d(x, [0, 2])).toThrow(/height/);
    expect(() => resize2d(tf.zeros([4, 4]) as unknown as tf.Tensor4D, [2, 2])).toThrow(/rank-4/);
  });

  it('is differentiable', () => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(resize2d(x as tf.Tensor4D, [2, 2], 'bilinear')))(ramp());
    // Each output averages 4 inputs, each input feeds one output: every gradient is 1/4.
    expect(Array.from(g.dataSync())).toEqual(Array.from({ length: 16 }, () => 0.25));
  });
});

describe('resize2d against tf.image (forward)', () => {
  it.each([
    { size: [3, 7] as const, mode: 'bilinear' as const },
    { size: [8, 2] as const, mode: 'bilinear' as const },
    { size: [3, 7] as const, mode: 'nearest' as const },
    { size: [10, 4] as const, mode: 'nearest' as const },
  ])('matches tf.image at $size ($mode)', ({ size, mode }) => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 5, 6, 3], 0, 1, 'float32', 2);
    const ours = resize2d(x, size, mode);
    const ref = mode === 'nearest' ? tf.image.resizeNearestNeighbor(x, [size[0], size[1]], false, false) : tf.image.resizeBilinear(x, [size[0], size[1]], false, true);
    expect(ours.shape).toEqual(ref.shape);
    expect(tf.max(tf.abs(tf.sub(ours, ref))).dataSync()[0]).toBeLessThan(1e-5);
  });
});
