import { registerKernel } from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { defineWasmKernel, input } from '../wasm/kernel';
import { runStock1 } from '../wasm/stock';
import { configureNative, nativeRunCounts } from './settings';

// A kernel whose native variant throws: the call must still succeed on the wasm path, warn
// once, and count the failure (runs record it in backend.nativeCalls).
const name = 'LddmTestFallback';
const kernel = defineWasmKernel({
  name,
  reason: 'test',
  inputs: (m) => ({ x: input(m, 'x', name) }),
  attrs: () => ({}),
  native: () => {
    throw new Error('simulated native failure');
  },
  run: ({ x }, _a, backend) => runStock1('Neg', backend, { x }),
});

describe('native failure fallback', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    configureNative({ mode: 'onnxruntime', threads: 1 });
    registerKernel(kernel.config);
  });
  afterAll(() => vi.restoreAllMocks());

  it('runs the wasm kernel, warns once and counts every failure', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const x = tf.tensor([1, -2, 3]);
    for (let i = 0; i < 2; i++) {
      const y = tf.engine().runKernel(name, { x }) as tf.Tensor;
      expect(Array.from(y.dataSync())).toEqual([-1, 2, -3]);
      y.dispose();
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/native LddmTestFallback failed \(simulated native failure\)/);
    expect(nativeRunCounts()[`${name}!failed`]).toBe(2);
    x.dispose();
  });
});
