// The project's WebAssembly SIMD kernels (libs/runtime/assembly, AssemblyScript; built into
// assembly/kernels.wasm by `npm run build:simd`, checked against its source by simd.spec.ts).
// Plain JS loops over heap views stopped at ~1 float per cycle; the same loops as 128-bit SIMD
// run 3-5x faster. The module imports the tfjs backend's own memory, so it reads and writes
// tensors where they are (byte addresses from `address`) and nothing is copied.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';

export const SIMD_WASM = fileURLToPath(new URL('../../../assembly/kernels.wasm', import.meta.url));

type Ptr = number;

/** The exports of assembly/index.ts (addresses are bytes in the backend's memory). */
export interface SimdKernels {
  channelMoments(x: Ptr, positions: number, c: number, s1: Ptr, s2: Ptr): void;
  channelDots(u: Ptr, v: Ptr, positions: number, c: number, s1: Ptr, s2: Ptr): void;
  channelScale(out: Ptr, x: Ptr, positions: number, c: number, a: Ptr, b: Ptr): void;
  channelAffine(out: Ptr, u: Ptr, v: Ptr, positions: number, c: number, p: Ptr, q: Ptr, r: Ptr): void;
  adamUpdate(
    w: Ptr, g: Ptr, m: Ptr, v: Ptr, vmax: Ptr, wOut: Ptr, mOut: Ptr, vOut: Ptr, vmaxOut: Ptr, n: number,
    lr: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, epsilon: number,
    l2: number, keep: number, c1: number, c2: number, amsgrad: number,
  ): void;
  resizeNearestGrad(dy: Ptr, dx: Ptr, batch: number, inH: number, inW: number, outH: number, outW: number, c: number, rowMap: Ptr, colMap: Ptr): void;
  transposeBlock(x: Ptr, y: Ptr, inBase: number, outBase: number, sizeA: number, sizeB: number, inStrideA: number, outStrideB: number): void;
  maxPool3dGrad(
    x: Ptr, dy: Ptr, dx: Ptr, batch: number, d: number, h: number, w: number, c: number, outD: number, outH: number, outW: number,
    kd: number, kh: number, kw: number, sd: number, sh: number, sw: number, padD: number, padH: number, padW: number,
  ): void;
}

// The WebAssembly JS API as far as used here (the project's TS lib, ES2023 without DOM, does not
// declare it).
interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** What the emscripten module behind BackendWasm offers beyond its tfjs typing. */
interface EmscriptenHeap {
  _malloc(bytes: number): Ptr;
  _free(at: Ptr): void;
  asm?: { memory?: unknown };
}
const heapOf = (backend: BackendWasm) => backend.wasm as unknown as EmscriptenHeap;

let compiled: object | undefined;
const instances = new WeakMap<BackendWasm, { kernels: SimdKernels; memory: WasmMemory }>();

/** The emscripten module's memory (tfjs does not type `asm`; checked here instead). */
function backendMemory(backend: BackendWasm): WasmMemory {
  const memory = heapOf(backend).asm?.memory;
  if (!(memory instanceof wasmApi.Memory)) throw new Error('SIMD kernels: the tfjs wasm backend does not expose its memory (asm.memory)');
  if (memory.buffer instanceof SharedArrayBuffer) throw new Error('SIMD kernels: the multi-threaded tfjs wasm build (shared memory) is not supported');
  return memory;
}

function bound(backend: BackendWasm): { kernels: SimdKernels; memory: WasmMemory } {
  let entry = instances.get(backend);
  if (entry === undefined) {
    compiled ??= new wasmApi.Module(readFileSync(SIMD_WASM));
    const memory = backendMemory(backend);
    const instance = new wasmApi.Instance(compiled, { env: { memory } });
    entry = { kernels: instance.exports as SimdKernels, memory };
    instances.set(backend, entry);
  }
  return entry;
}

/** The SIMD kernels bound to a backend's memory (instantiated once per backend). */
export function simdKernels(backend: BackendWasm): SimdKernels {
  return bound(backend).kernels;
}

/** The backend's memory as bytes (stale after the heap grows, i.e. after any allocation). */
export function heapBuffer(backend: BackendWasm): ArrayBuffer {
  return bound(backend).memory.buffer as ArrayBuffer;
}

/** A tensor's byte address in the backend's memory. */
export function address(backend: BackendWasm, t: TensorInfo): Ptr {
  return backend.dataIdMap.get(t.dataId).memoryOffset;
}

/**
 * Scratch bytes on the backend's heap for the duration of `use` (freed after, also on error).
 * Views of the heap taken before this call are stale afterwards (malloc may grow the memory).
 */
export function withScratch<T>(backend: BackendWasm, bytes: number, use: (at: Ptr) => T): T {
  const heap = heapOf(backend);
  const at = heap._malloc(bytes);
  try {
    return use(at);
  } finally {
    heap._free(at);
  }
}
