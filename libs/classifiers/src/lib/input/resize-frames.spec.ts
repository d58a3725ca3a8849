import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { resizeFrames } from './resize-frames';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('resizeFrames', () => {
  it('returns the input at the same size and resizes every frame bilinearly otherwise', () => {
    const x = tf.randomUniform([2, 3, 8, 8, 1], -1, 1, 'float32', 1) as tf.Tensor5D;
    expect(resizeFrames(x, 8)).toBe(x);
    const y = resizeFrames(x, 4);
    expect(y.shape).toEqual([2, 3, 4, 4, 1]);
    // Half-pixel bilinear 8 -> 4 is the mean of each 2x2 block.
    const block = x.slice([1, 2, 2, 4, 0], [1, 1, 2, 2, 1]);
    expect(y.slice([1, 2, 1, 2, 0], [1, 1, 1, 1, 1]).dataSync()[0]).toBeCloseTo(tf.mean(block).dataSync()[0], 5);
  });
});
