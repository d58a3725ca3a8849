import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { enableSecondOrderGradients } from './second-order-gradients';

beforeAll(async () => {
  await initBackend('wasm');
  enableSecondOrderGradients();
});

/** Central finite difference of f at w along every coordinate (float32: a coarse check). */
function numericGrad(f: (w: tf.Tensor) => number, w: tf.Tensor, h = 1e-2): number[] {
  const base = Array.from(w.dataSync());
  return base.map((_, i) => {
    const plus = [...base];
    const minus = [...base];
    plus[i] = (plus[i] ?? 0) + h;
    minus[i] = (minus[i] ?? 0) - h;
    return (f(tf.tensor(plus, w.shape)) - f(tf.tensor(minus, w.shape))) / (2 * h);
  });
}

/** ||grad_x sum(D_w(x))||^2 for a D of a conv3d and a LeakyReLU. */
function r1(w: tf.Tensor, x: tf.Tensor5D): tf.Scalar {
  const d = (input: tf.Tensor): tf.Scalar => tf.sum(tf.leakyRelu(tf.conv3d(input as tf.Tensor5D, w as tf.Tensor5D, [1, 2, 2], 'valid'), 0.2));
  return tf.sum(tf.square(tf.grad(d)(x)));
}

describe('enableSecondOrderGradients', () => {
  it('differentiates a gradient through conv3d and LeakyReLU, matching finite differences', () => {
    const x = tf.randomNormal<tf.Rank.R5>([1, 3, 4, 4, 2], 0, 1, 'float32', 1);
    const w = tf.randomNormal<tf.Rank.R5>([2, 2, 2, 2, 1], 0, 1, 'float32', 2);
    const analytic = Array.from(tf.grad((v: tf.Tensor) => r1(v, x))(w).dataSync());
    const numeric = numericGrad((v) => r1(v, x).dataSync()[0] ?? NaN, w);
    const scale = Math.max(...numeric.map(Math.abs));
    analytic.forEach((g, i) => expect(Math.abs(g - (numeric[i] ?? NaN))).toBeLessThan(2e-2 * scale));
  });

  it('is idempotent and gives comparisons a zero gradient', () => {
    enableSecondOrderGradients();
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.cast(tf.greater(a, 0), 'float32')))(tf.tensor1d([-1, 2]));
    expect(Array.from(g.dataSync())).toEqual([0, 0]);
  });
});
