// Section `runtime`: backend and process-level settings.
import { z } from 'zod';
import { int, oneOf, posInt } from './primitives';

export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export const NATIVE_CHOICES = ['auto', 'onnxruntime', 'off'] as const;

export const RuntimeSchema = z.strictObject({
  /** auto: tfjs-node-gpu, tfjs-node, wasm, cpu in that order (see libs/runtime). */
  backend: oneOf(BACKEND_CHOICES),
  /** Worker processes for the grid (the wasm backend is single-threaded per process). */
  workers: posInt(),
  /**
   * The native kernel layer under wasm (libs/runtime/src/lib/native). 'auto': onnxruntime's CPU
   * kernels (npm) for convolutions, matmuls and pooling, and oneDNN for the convolutions where
   * the system has it (libdnnl2; detected, recorded with the run); 'onnxruntime': onnxruntime
   * only; 'off': every kernel in wasm.
   */
  native: oneOf(NATIVE_CHOICES),
  /**
   * Native-kernel threads per process. 'auto': the cores shared by the processes that run at once
   * (all of them for a generator stage, cores / workers in each grid worker).
   */
  threads: z.union([z.literal('auto'), posInt()], { error: "expected 'auto' or a positive integer" }),
  /** Root seed; every stochastic step derives its seed from it and its path in the grid. */
  seed: int(),
});

export type RuntimeConfig = z.infer<typeof RuntimeSchema>;
