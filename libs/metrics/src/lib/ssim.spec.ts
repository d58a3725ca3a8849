import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianWindow, ssim } from './ssim';

function noisyCopy(x: tf.Tensor5D, std: number, seed: number): tf.Tensor5D {
  const rng = new Rng(seed);
  const noise = tf.tensor(Float32Array.from({ length: x.size }, () => rng.normal(0, std)), x.shape);
  return tf.clipByValue(tf.add(x, noise), -1, 1) as tf.Tensor5D;
}

describe('ssim', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });
  const rng = new Rng(1);
  const video = (): tf.Tensor5D => tf.tensor5d(Float32Array.from({ length: 2 * 3 * 16 * 16 }, () => rng.uniform(-1, 1)), [2, 3, 16, 16, 1]);

  it('uses a normalised symmetric Gaussian window', () => {
    const g = gaussianWindow(11, 1.5);
    expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(g[0]).toBeCloseTo(g[10], 7);
    expect(g[5] / g[4]).toBeCloseTo(Math.exp(1 / (2 * 2.25)), 5);
  });

  it('is 1 for identical videos and decreases with added noise', () => {
    const x = video();
    expect([...ssim(x, x)].every((v) => Math.abs(v - 1) < 1e-5)).toBe(true);
    const small = ssim(x, noisyCopy(x, 0.1, 2));
    const large = ssim(x, noisyCopy(x, 0.5, 3));
    for (let i = 0; i < 2; i++) {
      expect(small[i]).toBeLessThan(1);
      expect(large[i]).toBeLessThan(small[i]);
    }
  });

  it('matches a hand-checked value: constant frames a and b give (2ab + C1) / (a^2 + b^2 + C1)', () => {
    // With constant frames every variance is 0, so the structure term is C2 / C2 = 1.
    const a = tf.fill([1, 2, 11, 11, 1], 0.5) as tf.Tensor5D;
    const b = tf.fill([1, 2, 11, 11, 1], -0.25) as tf.Tensor5D;
    const c1 = (0.01 * 2) ** 2;
    expect(ssim(a, b)[0]).toBeCloseTo((2 * 0.5 * -0.25 + c1) / (0.25 + 0.0625 + c1), 4);
  });

  it('rejects frames smaller than the window and mismatched shapes', () => {
    expect(() => ssim(tf.zeros([1, 1, 8, 8, 1]), tf.zeros([1, 1, 8, 8, 1]))).toThrow(/smaller than the 11x11 window/);
    expect(() => ssim(tf.zeros([1, 1, 16, 16, 1]), tf.zeros([1, 2, 16, 16, 1]))).toThrow(/differ in shape/);
  });
});
