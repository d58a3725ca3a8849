// The oneDNN convolution path beyond the contract suite (kernels.spec.ts checks its values and
// gradients in mode 'auto'): plan caching, the modes that must not touch it, and a oneDNN error
// falling back to onnxruntime with a warning and a record. Skipped, with a warning, where
// libdnnl2 is not installed (CI installs it).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend';
import { tf } from '../tf';
import { conv2dGeometryNd } from './conv-geometry';
import { onednn, onednnUnavailableReason } from './onednn';
import { clearOnednnPlans, onednnPlanCount, tryOnednnConv } from './onednn-conv';
import { configureNative, nativeRunCounts, resetNativeRuns } from './settings';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';

const present = onednn() !== undefined;
if (!present) console.warn(`warning: oneDNN path not tested here: ${onednnUnavailableReason()}`);

describe.skipIf(!present)('oneDNN convolutions', () => {
  let backend: BackendWasm;
  beforeAll(async () => {
    await initBackend('wasm');
    backend = tf.backend() as BackendWasm;
    configureNative({ mode: 'auto', threads: 1 });
    clearOnednnPlans();
    resetNativeRuns();
  });
  afterAll(() => {
    configureNative({});
    vi.restoreAllMocks();
  });

  const x = () => tf.randomNormal([2, 16, 16, 8], 0, 1, 'float32', 1);
  const w = () => tf.randomNormal([3, 3, 8, 16], 0, 1, 'float32', 2);

  it('builds a plan once per geometry and reuses it', () => {
    const [a, b] = [x(), w()];
    const g = conv2dGeometryNd(a.shape, b.shape, [1, 1], [1, 1], 'same', undefined);
    const before = onednnPlanCount();
    for (let i = 0; i < 3; i++) {
      const y = tryOnednnConv(backend, 'Conv2D', 'forward', a, b, g) as TensorInfo;
      expect(y.shape).toEqual([2, 16, 16, 16]);
      backend.disposeData(y.dataId);
    }
    expect(onednnPlanCount()).toBe(before + 1);
    expect(nativeRunCounts()['Conv2D@onednn']).toBe(3);
    tf.dispose([a, b]);
  });

  it('is not used in mode onnxruntime or off', () => {
    const [a, b] = [x(), w()];
    const g = conv2dGeometryNd(a.shape, b.shape, [1, 1], [1, 1], 'same', undefined);
    for (const mode of ['onnxruntime', 'off'] as const) {
      configureNative({ mode, threads: 1 });
      expect(tryOnednnConv(backend, 'Conv2D', 'forward', a, b, g)).toBeUndefined();
    }
    configureNative({ mode: 'auto', threads: 1 });
    tf.dispose([a, b]);
  });

  it('falls back (undefined) on a geometry oneDNN rejects, warning once and recording it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const [a, b] = [x(), w()];
    // An output size that the padding cannot produce: oneDNN's descriptor check refuses it.
    const g = { ...conv2dGeometryNd(a.shape, b.shape, [1, 1], [1, 1], 'same', undefined), out: [20, 20] };
    expect(tryOnednnConv(backend, 'Conv2D', 'forward', a, b, g)).toBeUndefined();
    expect(tryOnednnConv(backend, 'Conv2D', 'forward', a, b, g)).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/native Conv2D@onednn failed \(.*oneDNN status invalid_arguments\); running onnxruntime instead/);
    expect(nativeRunCounts()['Conv2D@onednn!failed']).toBe(2);
    tf.dispose([a, b]);
  });
});
