import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { adaptiveAvgPool2d } from './adaptive-avg-pool-2d';

beforeAll(async () => {
  await initBackend('wasm');
});

const close = (a: tf.Tensor, b: tf.Tensor): void => {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
  expect(d).toBeLessThan(1e-5);
};

describe('adaptiveAvgPool2d', () => {
  it('equals average pooling when the size divides, and keeps batch and channels apart', () => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 8, 12, 3], 0, 1, 'float32', 1);
    const y = adaptiveAvgPool2d(x, [4, 3]);
    const ref = tf.avgPool(x, [2, 4], [2, 4], 'valid');
    expect(y.shape).toEqual([2, 4, 3, 3]);
    close(y, ref);
    tf.dispose([x, y, ref]);
  });

  it("uses PyTorch's overlapping windows for sizes that do not divide (5 -> 3)", () => {
    // Windows of 5 -> 3: rows [0, 1], [1, 2, 3], [3, 4].
    const x = tf.tensor4d([0, 1, 2, 3, 4].flatMap((r) => [0, 10, 20, 30, 40].map((c) => r + c)), [1, 5, 5, 1]);
    const y = adaptiveAvgPool2d(x, [3, 3]);
    const row = [0.5, 2, 3.5];
    const col = [5, 20, 35];
    expect(Array.from(y.dataSync())).toEqual(row.flatMap((r) => col.map((c) => expect.closeTo(r + c, 5))));
    tf.dispose([x, y]);
  });

  it('repeats cells when enlarging (nearest neighbour) and passes gradients', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const y = adaptiveAvgPool2d(x, [4, 4]);
    expect(Array.from(y.dataSync())).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    // Each input cell is copied into 4 outputs, so d sum(y) / dx = 4.
    const g = tf.grad((v) => tf.sum(adaptiveAvgPool2d(tf.reshape<tf.Rank.R4>(v, [1, 2, 2, 1]), [4, 4])))(x);
    expect(Array.from(g.dataSync())).toEqual([4, 4, 4, 4]);
    tf.dispose([x, y, g]);
  });
});
