import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientErrors, randomTensor, randomVariable } from '../testing/grad-check';
import { Linear } from './linear';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('Linear', () => {
  it('maps [N, in] to [N, out] and computes x W + b', () => {
    const layer = new Linear(1, { inFeatures: 3, outFeatures: 5 });
    layer.bias?.assign(tf.range(0, 5).toFloat());
    const x = randomTensor([4, 3], 2);
    const y = layer.apply(x.as2D(4, 3));
    expect(y.shape).toEqual([4, 5]);
    const expected = tf.add(tf.matMul(x.as2D(4, 3), layer.weight.as2D(3, 5)), tf.range(0, 5));
    expect(tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0]).toBeLessThan(1e-6);
    expect(new Linear(1, { inFeatures: 3, outFeatures: 5, bias: false }).namedParameters().map(([n]) => n)).toEqual(['weight']);
  });

  it('rejects a wrong feature count, naming the layer', () => {
    const layer = new Linear(1, { inFeatures: 3, outFeatures: 5 });
    expect(() => layer.apply(tf.zeros([2, 4]))).toThrow(/Linear: expected 3 channels/);
  });

  it('has gradients equal to finite differences for input, weight and bias', () => {
    const layer = new Linear(3, { inFeatures: 4, outFeatures: 3 });
    const bias = layer.bias;
    if (bias === undefined) throw new Error('expected a bias');
    bias.assign(randomTensor([3], 4));
    const x = randomVariable([2, 4], 5);
    const errors = gradientErrors(() => layer.apply(tf.reshape<tf.Rank.R2>(x, [2, 4])), { x, weight: layer.weight, bias });
    for (const e of Object.values(errors)) expect(e).toBeLessThan(1e-2);
  });
});
