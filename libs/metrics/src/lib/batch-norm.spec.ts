import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm } from './batch-norm';

describe('BatchNorm', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('in eval mode applies gamma (x - running_mean) / sqrt(running_var + eps) + beta per channel', () => {
    const bn = new BatchNorm({ channels: 2, eps: 1e-3 });
    bn.eval();
    bn.runningMean.assign(tf.tensor1d([1, -2]));
    bn.runningVar.assign(tf.tensor1d([4, 0.25]));
    bn.weight.assign(tf.tensor1d([2, 1]));
    bn.bias.assign(tf.tensor1d([0, 3]));
    const y = bn.apply(tf.tensor3d([[[3, 0]]])).dataSync();
    expect(y[0]).toBeCloseTo((2 * (3 - 1)) / Math.sqrt(4.001), 5);
    expect(y[1]).toBeCloseTo((0 + 2) / Math.sqrt(0.251) + 3, 5);
    expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var']);
  });

  it('in training mode normalises with batch statistics and moves the running ones by momentum', () => {
    const bn = new BatchNorm({ channels: 1, momentum: 0.1 });
    const x = tf.tensor2d([[1], [3], [5], [7]]);
    const y = bn.apply(x).dataSync();
    expect(Array.from(y).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 5);
    expect(y[3]).toBeCloseTo(3 / Math.sqrt(5 + 1e-5), 4);
    // Batch mean 4, unbiased variance 20/3.
    expect(bn.runningMean.dataSync()[0]).toBeCloseTo(0.4, 6);
    expect(bn.runningVar.dataSync()[0]).toBeCloseTo(0.9 + 0.1 * (20 / 3), 5);
    expect(() => bn.apply(tf.zeros([2, 3]))).toThrow(/expected 1 channels/);
  });

  it('in training mode back-propagates through [N, T, H, W, C] maps, the batch statistics included', () => {
    const bn = new BatchNorm({ channels: 2 });
    const x = tf.randomNormal([2, 3, 2, 2, 2], 0, 1, 'float32', 4);
    const w = tf.randomNormal([2, 3, 2, 2, 2], 0, 1, 'float32', 5);
    const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(bn.apply(v), w)))(x);
    expect(dx.shape).toEqual([2, 3, 2, 2, 2]);
    // Through the batch mean, each channel's input gradient sums to 0 (the output is shift-invariant).
    for (const s of Array.from(tf.sum(dx, [0, 1, 2, 3]).dataSync())) expect(Math.abs(s)).toBeLessThan(1e-4);
    expect(Array.from(dx.dataSync()).some((g) => Math.abs(g) > 1e-3)).toBe(true);
    tf.dispose([x, w, dx]);
  });
});
