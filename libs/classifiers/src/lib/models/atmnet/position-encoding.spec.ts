import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { PositionEncoding } from './position-encoding';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('PositionEncoding (PEG)', () => {
  it('is x + depthwise conv3x3(x) with zero padding, as tf.depthwiseConv2d computes it', () => {
    const peg = new PositionEncoding(1, 4);
    peg.bias.assign(tf.tensor1d([0.1, -0.2, 0.3, 0]));
    const x = tf.randomNormal([2, 5, 6, 4], 0, 1, 'float32', 3) as tf.Tensor4D;
    const kernel = tf.reshape(peg.weight, [3, 3, 4, 1]) as tf.Tensor4D;
    const expected = tf.add(tf.add(x, tf.depthwiseConv2d(x, kernel, 1, 'same')), peg.bias);
    expect(tf.max(tf.abs(tf.sub(peg.apply(x), expected))).dataSync()[0]).toBeLessThan(1e-5);
  });
});
