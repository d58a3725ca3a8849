import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureMatchingLoss, hingeDiscriminatorLoss, hingeGeneratorLoss, r1Penalty } from './adversarial-loss';

beforeAll(async () => {
  await initBackend('wasm');
});

const value = (t: tf.Scalar): number => t.dataSync()[0] ?? NaN;

describe('hinge losses', () => {
  it('match hand computations on known logits', () => {
    const real = tf.tensor1d([2, 0.5, -1]); // relu(1 - r): 0, 0.5, 2 -> mean 2.5 / 3
    const fake = tf.tensor1d([-2, 0, 1]); // relu(1 + f): 0, 1, 2 -> mean 1
    expect(value(hingeDiscriminatorLoss(real, fake))).toBeCloseTo(2.5 / 3 + 1, 6);
    expect(value(hingeGeneratorLoss(fake))).toBeCloseTo(1 / 3, 6);
  });
});

describe('featureMatchingLoss', () => {
  it('is the mean over layers of the mean absolute difference, 0 for equal features', () => {
    const real = [tf.tensor1d([1, 2]), tf.tensor2d([[0, 0, 0, 4]])];
    const fake = [tf.tensor1d([0, 2]), tf.tensor2d([[0, 0, 0, 0]])];
    expect(value(featureMatchingLoss(real, fake))).toBeCloseTo((0.5 + 1) / 2, 6);
    expect(value(featureMatchingLoss(real, real))).toBe(0);
    expect(() => featureMatchingLoss(real, fake.slice(1))).toThrow(/equally long/);
  });
});

describe('r1Penalty', () => {
  it('of a linear discriminator D(x) = <w, x> is |w|^2 per sample', () => {
    const w = tf.tensor1d([1, -2, 3]);
    const d = (x: tf.Tensor): tf.Tensor => tf.sum(tf.mul(x, w), 1);
    const real = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
    expect(value(r1Penalty(d, real))).toBeCloseTo(14, 4);
  });

  it('of D(x) = sum(x^2) is E 4|x|^2, and is differentiable in D parameters (second order)', () => {
    const real = tf.tensor2d([[1, 2], [0, -1]]); // 4 * (5 + 1) / 2 = 12
    expect(value(r1Penalty((x) => tf.sum(tf.square(x), 1), real))).toBeCloseTo(12, 5);
    // D(x) = leakyRelu(x W) summed; d R1 / dW must exist and be non-zero.
    const weight = tf.variable(tf.tensor2d([[0.5, -1], [2, 0.3]]));
    const d = (x: tf.Tensor): tf.Tensor => tf.sum(tf.leakyRelu(tf.matMul(x as tf.Tensor2D, weight), 0.2), 1);
    const { grads } = tf.variableGrads(() => r1Penalty(d, real), [weight]);
    const g = grads[weight.name];
    expect(g).toBeDefined();
    expect(tf.max(tf.abs(g ?? tf.zeros([1]))).dataSync()[0]).toBeGreaterThan(0);
  });
});
