// The stock wasm kernels, kept callable after they are replaced. register-all captures a stock
// config before unregistering it; kernels that are not replaced are looked up at call time.
// A captured kernel's setupFunc (which binds its C++ function) is run once per backend, since
// tfjs only runs setup for the kernels registered when the backend initialises.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { getKernel, type KernelConfig, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';

const captured = new Map<string, KernelConfig>();
const setUp = new WeakMap<BackendWasm, Set<string>>();

/** Keeps the stock config of `name` (no-op if already kept or absent). */
export function captureStock(name: string): void {
  if (captured.has(name)) return;
  const config = getKernel(name, 'wasm');
  if (config != null) captured.set(name, config);
}

export function hasStock(name: string): boolean {
  return captured.has(name) || getKernel(name, 'wasm') != null;
}

function stockConfig(name: string): KernelConfig {
  const config = captured.get(name) ?? getKernel(name, 'wasm');
  if (config == null) throw new Error(`${name}: no stock wasm kernel to fall back to`);
  return config;
}

export function runStock(
  name: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo | TensorInfo[] {
  const config = stockConfig(name);
  let done = setUp.get(backend);
  if (done == null) setUp.set(backend, (done = new Set()));
  if (captured.has(name) && !done.has(name)) {
    config.setupFunc?.(backend);
    done.add(name);
  }
  return config.kernelFunc({ inputs, backend, attrs });
}

/** A stock kernel that returns exactly one tensor. */
export function runStock1(
  name: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const out = runStock(name, backend, inputs, attrs);
  if (Array.isArray(out)) throw new Error(`${name}: expected one output from the stock kernel, got ${out.length}`);
  return out;
}
