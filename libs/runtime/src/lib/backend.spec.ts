import { afterEach, describe, expect, it, vi } from 'vitest';
import { tf } from './tf';
import { backendInfo, describeNative, initBackend, parseBackendChoice } from './backend';
import { configureNative } from './native/settings';
import { registerWasmKernels } from './wasm/register-all';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('parseBackendChoice', () => {
  it.each(['auto', 'tensorflow', 'wasm', 'cpu'] as const)('accepts %s', (name) => {
    expect(parseBackendChoice(name)).toBe(name);
  });

  it('falls back to LDDM_BACKEND, then to auto', () => {
    vi.stubEnv('LDDM_BACKEND', 'cpu');
    expect(parseBackendChoice(undefined)).toBe('cpu');
    vi.stubEnv('LDDM_BACKEND', '');
    expect(parseBackendChoice(undefined)).toBe('auto');
  });

  it('an explicit value wins over the environment', () => {
    vi.stubEnv('LDDM_BACKEND', 'cpu');
    expect(parseBackendChoice('wasm')).toBe('wasm');
  });

  it('names the bad value and the allowed ones in one line', () => {
    expect(() => parseBackendChoice('gpu')).toThrow('Unknown backend "gpu"; expected one of: auto, tensorflow, wasm, cpu');
    vi.stubEnv('LDDM_BACKEND', 'webgl');
    expect(() => parseBackendChoice(undefined)).toThrow(/"webgl" \(from LDDM_BACKEND\).*auto, tensorflow, wasm, cpu$/);
  });
});

// One process, one tfjs engine: these run in order and share the backend state.
describe('initBackend (this machine: no native TensorFlow)', () => {
  it('backendInfo() throws before any initialisation', () => {
    expect(() => backendInfo()).toThrow(/no backend initialised/);
  });

  it('auto ends at wasm, recording both native packages as unavailable', async () => {
    const info = await initBackend('auto');
    expect(tf.getBackend()).toBe('wasm');
    expect(info).toMatchObject({ requested: 'auto', name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', threads: 1 });
    expect(info.version).toBe(tf.version_core);
    expect(info.tried).toEqual([
      { name: 'tensorflow', packageName: '@tensorflow/tfjs-node-gpu', ok: false, reason: 'not installed' },
      { name: 'tensorflow', packageName: '@tensorflow/tfjs-node', ok: false, reason: 'not installed' },
      { name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', ok: true },
    ]);
    // backendInfo() adds the native layer's state as it is now (the pipeline configures it).
    expect(backendInfo()).toEqual({ ...info, native: expect.objectContaining({ kernels: expect.arrayContaining(['Conv3D', 'Conv3DBackpropFilterV2']) }) });
  });

  it('reports the native layer: onnxruntime-node when enabled, none with the reason when off', () => {
    configureNative({ mode: 'onnxruntime', threads: 2 });
    expect(backendInfo().native).toMatchObject({ provider: 'onnxruntime-node', threads: 2 });
    expect(describeNative(backendInfo())).toMatch(/^onnxruntime-node \d+\.\d+\.\d+, 2 threads$/);
    configureNative({ mode: 'auto', threads: 1 });
    expect(describeNative(backendInfo())).toMatch(/^onnxruntime-node \d+\.\d+\.\d+, 1 thread; oneDNN (2\.\d+\.\d+ \(\w+\) for convolutions|not used \(.+\))$/);
    configureNative({ mode: 'off' });
    expect(backendInfo().native).toMatchObject({ provider: 'none', reason: expect.stringContaining('off') });
    configureNative({});
  });

  it('installs the wasm replacement kernels and reports them', () => {
    const info = backendInfo();
    expect(info.replacementKernels.length).toBeGreaterThan(0);
    expect(info.replacementKernels).toEqual(registerWasmKernels());
  });

  it('computes on wasm', () => {
    const y = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
    expect(Array.from(y.dataSync())).toEqual([11]);
  });

  it('the same choice twice is a no-op returning the same info', async () => {
    const first = initBackend('auto');
    expect(initBackend('auto')).toBe(first);
    expect(backendInfo()).toMatchObject(await first);
  });

  it('tensorflow fails clearly and leaves the current backend in place', async () => {
    const message = await initBackend('tensorflow').then(
      () => 'resolved',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(message).toMatch(/^Backend 'tensorflow' is unavailable/);
    expect(message).toContain('@tensorflow/tfjs-node-gpu: not installed');
    expect(message).toContain('@tensorflow/tfjs-node: not installed');
    expect(message).not.toContain('\n');
    expect(tf.getBackend()).toBe('wasm');
    expect(backendInfo().name).toBe('wasm');
  });

  it('cpu works and reports one thread', async () => {
    const info = await initBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info).toMatchObject({ requested: 'cpu', name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', threads: 1, replacementKernels: [] });
    expect(info.version).toBe(tf.version_core);
    expect(info.tried).toEqual([{ name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', ok: true }]);
    expect(Array.from(tf.add(tf.tensor1d([1, 2]), 1).dataSync())).toEqual([2, 3]);
  });

  it('wasm can be chosen explicitly after cpu', async () => {
    const info = await initBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.tried).toEqual([{ name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', ok: true }]);
  });
});
