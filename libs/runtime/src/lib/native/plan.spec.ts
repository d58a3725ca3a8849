import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { clearPlans, planCount } from './plan';
import { configureNative, nativeRunCounts } from './settings';

describe('native plans', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    configureNative({ mode: 'onnxruntime', threads: 1 });
    clearPlans();
  });

  it('compiles one plan per kernel, shape and thread count, and reuses it', () => {
    const x = tf.randomUniform([2, 4, 16, 16, 8], -1, 1, 'float32', 1) as tf.Tensor5D;
    const w = tf.randomUniform([3, 3, 3, 8, 16], -1, 1, 'float32', 2) as tf.Tensor5D;
    const calls = () => nativeRunCounts()['Conv3D'] ?? 0;
    const before = calls();
    const first = tf.conv3d(x, w, 1, 'same');
    expect(planCount()).toBe(1);
    const second = tf.conv3d(x, w, 1, 'same');
    expect(planCount()).toBe(1);
    expect(calls() - before).toBe(2);
    expect(Array.from(second.dataSync())).toEqual(Array.from(first.dataSync()));
    configureNative({ mode: 'onnxruntime', threads: 2 });
    const third = tf.conv3d(x, w, 1, 'same');
    expect(planCount()).toBe(2);
    // Two threads split the work, not the sums: the same values to float rounding.
    const a = first.dataSync();
    const b = third.dataSync();
    expect(Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-4);
    configureNative({ mode: 'onnxruntime', threads: 1 });
    tf.dispose([x, w, first, second, third]);
  });

  it('leaves convolutions too small to amortise a call to the wasm kernels', () => {
    const calls = () => nativeRunCounts()['Conv3D'] ?? 0;
    const before = calls();
    const y = tf.conv3d(tf.ones([1, 2, 4, 4, 2]) as tf.Tensor5D, tf.ones([3, 3, 3, 2, 2]) as tf.Tensor5D, 1, 'same');
    expect(y.shape).toEqual([1, 2, 4, 4, 2]);
    expect(calls()).toBe(before);
  });
});
