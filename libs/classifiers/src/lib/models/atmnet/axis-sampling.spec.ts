import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleAlongAxis } from './axis-sampling';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('sampleAlongAxis', () => {
  // One row 0, 10, 20, 30 (channel 0) and 1, 2, 3, 4 (channel 1).
  const row = () => tf.tensor4d([0, 1, 10, 2, 20, 3, 30, 4], [1, 1, 4, 2]);

  it('is the identity at zero offset and shifts by whole steps per channel', () => {
    const x = row();
    expect(sampleAlongAxis(x, tf.zerosLike(x), 'w').arraySync()).toEqual(x.arraySync());
    // Channel 0 reads one to the right, channel 1 one to the left (zero beyond the edge).
    const offsets = tf.tensor4d([1, -1, 1, -1, 1, -1, 1, -1], [1, 1, 4, 2]);
    const y = sampleAlongAxis(x, offsets, 'w').arraySync()[0][0];
    expect(y.map((p) => p[0])).toEqual([10, 20, 30, 0]);
    expect(y.map((p) => p[1])).toEqual([0, 1, 2, 3]);
  });

  it('interpolates linearly between neighbours and fades to zero outside', () => {
    const y = sampleAlongAxis(row(), tf.fill([1, 1, 4, 2], 0.25) as tf.Tensor4D, 'w').arraySync()[0][0];
    expect(y[0][0]).toBeCloseTo(2.5, 5);
    expect(y[3][0]).toBeCloseTo(22.5, 5); // 0.75 * 30 + 0.25 * 0 (outside)
  });

  it('samples along h the same way, and differentiates w.r.t. the offsets', () => {
    const x = tf.transpose(row(), [0, 2, 1, 3]) as tf.Tensor4D; // [1, 4, 1, 2]
    const off = tf.fill([1, 4, 1, 2], 0.5) as tf.Tensor4D;
    expect(sampleAlongAxis(x, off, 'h').arraySync()[0][1]).toEqual([[15, 2.5]]);
    const g = (tf.grad((o: tf.Tensor) => tf.sum(sampleAlongAxis(x, o as tf.Tensor4D, 'h')))(off) as tf.Tensor4D).arraySync()[0];
    // d/d(offset) of linear interpolation = next value - this value (0 - 30 at the edge).
    expect(g.map((p) => p[0][0])).toEqual([10, 10, 10, -30]);
  });
});
