import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { psnr } from './psnr';

describe('psnr', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('is 10 log10(L^2 / MSE) per frame, averaged over frames (hand-checked)', () => {
    // Frame 0 differs by 0.2 everywhere (MSE 0.04), frame 1 by 0.02 (MSE 0.0004).
    const a = tf.zeros([1, 2, 4, 4, 1]) as tf.Tensor5D;
    const b = tf.concat([tf.fill([1, 1, 4, 4, 1], 0.2), tf.fill([1, 1, 4, 4, 1], 0.02)], 1) as tf.Tensor5D;
    const expected = (10 * Math.log10(4 / 0.04) + 10 * Math.log10(4 / 0.0004)) / 2;
    expect(psnr(a, b)[0]).toBeCloseTo(expected, 3);
  });

  it('is capped for identical videos and falls as the error grows', () => {
    const a = tf.zeros([2, 1, 4, 4, 1]) as tf.Tensor5D;
    expect([...psnr(a, a)]).toEqual([100, 100]);
    expect(psnr(a, a, { maxDb: 60 })[0]).toBe(60);
    const near = psnr(a, tf.fill([2, 1, 4, 4, 1], 0.01) as tf.Tensor5D)[0];
    const far = psnr(a, tf.fill([2, 1, 4, 4, 1], 0.3) as tf.Tensor5D)[0];
    expect(far).toBeLessThan(near);
  });
});
