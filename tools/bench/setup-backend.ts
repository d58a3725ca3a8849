// Backends the benchmark compares, each set up in its own process: `cpu` and `wasm` (with the
// replacement kernels) through @lddm/runtime's initBackend; `wasm-stock` is the wasm backend with
// its stock kernels only, which initBackend never gives (replacements cannot be unregistered
// cleanly, and running stock wasm is wrong for training), so it is imported here directly.
import { backendInfo, initBackend, tf } from '@lddm/runtime';

export const BACKENDS = ['cpu', 'wasm-stock', 'wasm'] as const;
export type BenchBackend = (typeof BACKENDS)[number];

export interface BackendHeader {
  backend: BenchBackend;
  tfjsCore: string;
  packageName: string;
  version: string;
  threads: number;
  replacementKernels: string[];
}

export function isBenchBackend(name: string): name is BenchBackend {
  return BACKENDS.some((b) => b === name);
}

export async function setupBackend(backend: BenchBackend): Promise<BackendHeader> {
  if (backend === 'wasm-stock') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') failed");
    return {
      backend,
      tfjsCore: tf.version_core,
      packageName: '@tensorflow/tfjs-backend-wasm',
      version: wasm.version_wasm,
      threads: wasm.getThreadsCount(),
      replacementKernels: [],
    };
  }
  await initBackend(backend);
  const info = backendInfo();
  return {
    backend,
    tfjsCore: tf.version_core,
    packageName: info.packageName,
    version: info.version,
    threads: info.threads,
    replacementKernels: info.replacementKernels,
  };
}
