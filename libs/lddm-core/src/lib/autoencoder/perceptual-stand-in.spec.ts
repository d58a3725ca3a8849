import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiScaleGradientDistance } from './perceptual-stand-in';

beforeAll(async () => {
  await initBackend('wasm');
});

const frames = (): tf.Tensor4D => tf.tanh(tf.randomNormal<tf.Rank.R4>([3, 16, 16, 1], 0, 1, 'float32', 1));
const d = (a: tf.Tensor4D, b: tf.Tensor4D): number => multiScaleGradientDistance.distance(a, b).dataSync()[0] ?? NaN;

describe('multiScaleGradientDistance', () => {
  it('says what it is', () => {
    expect(multiScaleGradientDistance.id).toBe('stand-in:multiscale-gradient-l1');
    expect(multiScaleGradientDistance.description).toMatch(/LPIPS/);
  });

  it('is 0 for identical frames and grows with the noise added', () => {
    const a = frames();
    expect(d(a, a)).toBe(0);
    const noisy = [0.05, 0.2, 0.8].map((s) => d(a, tf.add(a, tf.randomNormal<tf.Rank.R4>(a.shape, 0, s, 'float32', 2))));
    expect(noisy[0]).toBeGreaterThan(0);
    expect(noisy[1]).toBeGreaterThan(noisy[0] ?? Infinity);
    expect(noisy[2]).toBeGreaterThan(noisy[1] ?? Infinity);
  });

  it('ignores a constant intensity shift (it compares gradients, not values)', () => {
    const a = frames();
    expect(d(a, tf.add(a, 0.3))).toBeLessThan(1e-5);
  });

  it('matches a hand computation on a 4x4 ramp (scales 4x4 and 2x2; 1x1 is skipped)', () => {
    // a = x-ramp 0..3 along width, b = 0: dx = 1 everywhere at 4x4, dy = 0; after 2x2 pooling the
    // ramp is [0.5, 2.5]: dx = 2, dy = 0. Mean of the 4 terms: (1 + 0 + 2 + 0) / 4.
    const a = tf.tile(tf.reshape(tf.range(0, 4, 1, 'float32'), [1, 1, 4, 1]), [1, 4, 1, 1]) as tf.Tensor4D;
    expect(d(a, tf.zerosLike(a))).toBeCloseTo(0.75, 6);
  });

  it('is differentiable', () => {
    const b = frames();
    const g = tf.grad((a: tf.Tensor) => multiScaleGradientDistance.distance(a as tf.Tensor4D, b))(tf.add(b, tf.randomNormal(b.shape, 0, 0.1, 'float32', 3)));
    expect(tf.max(tf.abs(g)).dataSync()[0]).toBeGreaterThan(0);
    expect(() => d(b, tf.zeros([3, 8, 8, 1]))).toThrow(/one shape/);
  });
});
