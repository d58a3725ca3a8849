import * as core from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { tf } from './tf';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('tf', () => {
  it('is the tfjs-core namespace, sharing its engine', () => {
    expect(tf.engine()).toBe(core.engine());
    expect(tf.version_core).toBe('4.22.0');
  });

  it('has gradients registered (tfjs-core alone has none)', () => {
    const dx = tf.grad((x: core.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, -2, 3]));
    expect(Array.from(dx.dataSync())).toEqual([2, -4, 6]);
    for (const kernel of ['Sum', 'Conv2D', 'Conv3D', 'BatchMatMul', 'MaxPool3D']) expect(tf.getGradient(kernel), kernel).toBeDefined();
  });
});
