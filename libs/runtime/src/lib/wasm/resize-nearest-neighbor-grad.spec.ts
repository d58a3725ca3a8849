import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { nearestSourceMap } from './resize-nearest-neighbor-grad';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('ResizeNearestNeighborGrad on wasm', () => {
  it('maps each output index to the input index the forward copies (2x, non-integer, align corners)', () => {
    expect(Array.from(nearestSourceMap(4, 8, false))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(Array.from(nearestSourceMap(5, 8, false))).toEqual([0, 0, 1, 1, 2, 3, 3, 4]);
    expect(Array.from(nearestSourceMap(4, 7, true))).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });

  // The kernel contract compares with the cpu backend at batch 1 only: the cpu gradient is wrong
  // for batch > 1. Here a batch's gradient must equal its samples' gradients taken one by one.
  it.each([
    [[3, 4, 5, 8], [8, 10], false],
    [[2, 5, 7, 3], [8, 9], false],
    [[2, 4, 5, 6], [7, 9], true],
  ] as const)('a batch %j -> %j (align corners %s) is its samples, one by one', (shape, size, align) => {
    const x = tf.randomNormal([...shape], 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal([shape[0], size[0], size[1], shape[3]], 0, 1, 'float32', 2);
    const gradOf = (xs: tf.Tensor4D, ws: tf.Tensor) => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.image.resizeNearestNeighbor(v as tf.Tensor4D, [size[0], size[1]], align), ws)))(xs);
    const batch = gradOf(x, w);
    const each = tf.concat(Array.from({ length: shape[0] }, (_, n) => gradOf(tf.slice(x, [n, 0, 0, 0], [1, -1, -1, -1]) as tf.Tensor4D, tf.slice(w, [n, 0, 0, 0], [1, -1, -1, -1]))));
    expect(Array.from(batch.dataSync())).toEqual(Array.from(each.dataSync()));
    // and the gradient is the adjoint of the forward: <resize(x), w> = <x, grad>
    const lhs = tf.sum(tf.mul(tf.image.resizeNearestNeighbor(x, [size[0], size[1]], align), w)).dataSync()[0];
    const rhs = tf.sum(tf.mul(x, batch)).dataSync()[0];
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-3 * Math.max(1, Math.abs(lhs)));
    tf.dispose([x, w, batch, each]);
  });
});
