import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientErrors, randomTensor, randomVariable } from '../testing/grad-check';
import { Upsample } from './upsample';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('Upsample (nearest)', () => {
  it('repeats each pixel scale times per axis in 2D', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const y = new Upsample([2, 3]).apply(x);
    expect(y.shape).toEqual([1, 4, 6, 1]);
    expect(Array.from(y.dataSync())).toEqual([
      1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4,
    ]);
  });

  it('matches tf.image.resizeNearestNeighbor on each frame of a 3D input, with time repeated', () => {
    const x = randomTensor([2, 3, 4, 5, 2], 1).as5D(2, 3, 4, 5, 2);
    const y = new Upsample([2, 2, 2]).apply(x);
    expect(y.shape).toEqual([2, 6, 8, 10, 2]);
    const frames = tf.reshape<tf.Rank.R4>(x, [6, 4, 5, 2]);
    const resized = tf.reshape(tf.image.resizeNearestNeighbor(frames, [8, 10]), [2, 3, 1, 8, 10, 2]);
    const expected = tf.reshape(tf.tile(resized, [1, 1, 2, 1, 1, 1]), [2, 6, 8, 10, 2]);
    expect(tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0]).toBe(0);
    expect(new Upsample([1, 2, 2]).apply(x).shape).toEqual([2, 3, 8, 10, 2]);
  });

  it('rejects a scale of the wrong length, naming the layer', () => {
    expect(() => new Upsample([2, 2]).apply(tf.zeros<tf.Rank.R5>([1, 2, 2, 2, 1]))).toThrow(/Upsample: scale/);
  });

  it('has gradients equal to finite differences', () => {
    const x = randomVariable([1, 2, 3, 2, 2], 2);
    const errors = gradientErrors(() => new Upsample([2, 1, 3]).apply(tf.reshape<tf.Rank.R5>(x, [1, 2, 3, 2, 2])), { x });
    expect(errors['x']).toBeLessThan(1e-2);
  });
});
