// Every wasm replacement kernel against the cpu backend: forward value and the gradient with
// respect to each float input must agree to relative L2 error < 1e-4 (see kernel-contract.ts;
// the cases are in kernel-cases.ts). The contract runs in each native mode: 'auto' (onnxruntime,
// with oneDNN taking the convolutions where libdnnl 2.x is installed, as in CI), 'onnxruntime'
// alone, and 'off' (every kernel in wasm).
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { KERNEL_CASES } from './kernel-cases';
import { compareWithCpu } from './kernel-contract';
import { registerWasmKernels, WASM_KERNELS } from './register-all';
import { onednn, onednnUnavailableReason } from '../native/onednn';
import { configureNative, NATIVE_MODES, nativeEnabled, nativeKernelsRan, nativeRunCounts, resetNativeRuns } from '../native/settings';

const TOLERANCE = 1e-4;

describe('wasm replacement kernels', () => {
  let replaced: string[] = [];

  beforeAll(async () => {
    await initBackend('cpu'); // initialised through the runtime, which silences its tfjs-node advert
    replaced = (await initBackend('wasm')).replacementKernels;
  });

  it('registers every replacement once, on wasm only', () => {
    const cpuBefore = WASM_KERNELS.map((k) => tf.getKernel(k.name, 'cpu'));
    expect(registerWasmKernels()).toEqual(replaced);
    expect(replaced).toEqual(WASM_KERNELS.map((k) => k.name));
    for (const k of WASM_KERNELS) expect(tf.getKernel(k.name, 'wasm')).toBe(k.config);
    expect(WASM_KERNELS.map((k) => tf.getKernel(k.name, 'cpu'))).toEqual(cpuBefore);
  });

  describe.each(NATIVE_MODES)('with runtime.native %s', (mode) => {
    const native = mode !== 'off';
    beforeAll(() => {
      configureNative({ mode });
      resetNativeRuns();
    });

    it.each(KERNEL_CASES.map((c) => [c.name, c] as const))('%s matches cpu', async (_name, c) => {
      const { errors } = await compareWithCpu(c);
      for (const { what, error } of errors) {
        expect(error, `${c.name}: ${what} relative L2 error`).toBeLessThan(TOLERANCE);
      }
    });

    it(native ? 'ran every kernel that has a native variant natively' : 'ran nothing natively', () => {
      const expected = native ? WASM_KERNELS.filter((k) => k.native).map((k) => k.name).sort() : [];
      expect(nativeEnabled()).toBe(native);
      expect(nativeKernelsRan()).toEqual(expected);
    });

    it(mode === 'auto' ? 'ran every convolution kernel on oneDNN where it is installed' : 'ran nothing on oneDNN', () => {
      const onOnednn = Object.keys(nativeRunCounts()).filter((k) => k.endsWith('@onednn')).map((k) => k.replace('@onednn', '')).sort();
      const failed = Object.keys(nativeRunCounts()).filter((k) => k.endsWith('!failed'));
      expect(failed).toEqual([]);
      if (mode !== 'auto' || onednn() === undefined) {
        if (mode === 'auto') console.warn(`warning: oneDNN not tested here: ${onednnUnavailableReason()}`);
        expect(onOnednn).toEqual([]);
        return;
      }
      expect(onOnednn).toEqual(WASM_KERNELS.filter((k) => k.native && k.name.startsWith('Conv')).map((k) => k.name).sort());
    });
  });

  it('uses the right weights when one tensor is the second matMul operand under two shapes', async () => {
    await tf.setBackend('wasm');
    const w = tf.tensor(Array.from({ length: 24 }, (_, i) => i - 11), [6, 4]);
    const x1 = tf.ones([2, 6]);
    const x2 = tf.ones([2, 3]);
    const first = tf.matMul(x1, w).arraySync();
    const second = tf.matMul(x2, tf.reshape(w, [3, 8])).arraySync();
    const third = tf.matMul(x1, w).arraySync();
    // Column sums of w as [6,4] and as [3,8], by hand.
    const colSums = (rows: number, cols: number) =>
      Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => i * cols + j - 11).reduce((a, b) => a + b, 0));
    expect(first).toEqual([colSums(6, 4), colSums(6, 4)]);
    expect(second).toEqual([colSums(3, 8), colSums(3, 8)]);
    expect(third).toEqual(first);
    tf.dispose([w, x1, x2]);
  });

  it('slices and concatenates string tensors', async () => {
    await tf.setBackend('wasm');
    const s = tf.tensor([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(tf.slice(s, [0, 1], [2, 2]).arraySync()).toEqual([['b', 'c'], ['e', 'f']]);
    expect(tf.concat([s, tf.tensor([['x'], ['y']])], 1).arraySync()).toEqual([['a', 'b', 'c', 'x'], ['d', 'e', 'f', 'y']]);
    expect(tf.concat([s, s], 0).shape).toEqual([4, 3]);
  });

  it('a clone shares the heap block and outlives its source', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const before = backend.numDataIds();
    const x = tf.tensor([1, 2, 3]);
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    expect(backend.numDataIds()).toBe(before);
  });

  it('does not leak tensors on the wasm heap', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([1, 4, 5, 5, 2]);
    const w = tf.ones([3, 3, 3, 2, 3]);
    const before = tf.memory().numTensors;
    const backend = tf.backend();
    const dataBefore = backend.numDataIds();
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.maxPool3d(tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, 1, 'same'), 2, 2, 'same')));
    const [dx, dw] = g([x, w]);
    tf.dispose([dx, dw]);
    expect(tf.memory().numTensors).toBe(before);
    expect(backend.numDataIds()).toBe(dataBefore);
    tf.dispose([x, w]);
  });
});
