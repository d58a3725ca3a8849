// Section `runtime`: backend and process-level settings.
import { z } from 'zod';
import { int, oneOf, posInt } from './primitives';

export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

export const RuntimeSchema = z.strictObject({
  /** auto: tfjs-node-gpu, tfjs-node, wasm, cpu in that order (see libs/runtime). */
  backend: oneOf(BACKEND_CHOICES),
  /** Worker processes for the grid (the wasm backend is single-threaded per process). */
  workers: posInt(),
  /** Root seed; every stochastic step derives its seed from it and its path in the grid. */
  seed: int(),
});

export type RuntimeConfig = z.infer<typeof RuntimeSchema>;
