// The one place that installs the wasm replacement kernels (cf. tfjs-backend-wasm
// register_all_kernels.ts). Call after '@tensorflow/tfjs-backend-wasm' has been imported (which
// registers the stock kernels); before or after tf.setBackend('wasm') both work: the kernels need
// no setup, and stock kernels kept for fallbacks are set up on first use (stock.ts). Only
// kernels of the 'wasm' backend are touched.
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { WasmKernel } from './kernel';
import { adamUpdateKernel } from './adam-update';
import { batchMatMulKernel } from './batch-mat-mul';
import { concatKernel } from './concat';
import { conv2dKernel } from './conv2d';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter';
import { conv2dBackpropInputKernel } from './conv2d-backprop-input';
import { conv3dKernel } from './conv3d';
import { conv3dBackpropFilterKernel } from './conv3d-backprop-filter';
import { conv3dBackpropInputKernel } from './conv3d-backprop-input';
import { fusedMatMulKernel } from './fused-mat-mul';
import { gatherV2Kernel } from './gather-v2';
import { groupNormGradKernel, groupNormKernel } from './group-norm';
import { identityKernel } from './identity';
import { leakyReluGradKernel, registerLeakyReluGradients } from './leaky-relu-grad';
import { maxPool3dKernel } from './max-pool-3d';
import { maxPool3dGradKernel } from './max-pool-3d-grad';
import { maxPoolGradKernel } from './max-pool-grad';
import { padV2Kernel } from './pad-v2';
import { resizeNearestNeighborGradKernel } from './resize-nearest-neighbor-grad';
import { sliceKernel } from './slice';
import { splitVKernel } from './split-v';
import { captureStock } from './stock';
import { sumKernel } from './sum';
import { registerTemporalShiftGradient, temporalShiftKernel } from './temporal-shift';
import { transposeKernel } from './transpose';

/** Every replacement, in registration order. */
export const WASM_KERNELS: readonly WasmKernel[] = [
  conv2dKernel,
  conv2dBackpropFilterKernel,
  conv2dBackpropInputKernel,
  conv3dKernel,
  conv3dBackpropFilterKernel,
  conv3dBackpropInputKernel,
  batchMatMulKernel,
  fusedMatMulKernel,
  sliceKernel,
  splitVKernel,
  concatKernel,
  sumKernel,
  transposeKernel,
  maxPool3dKernel,
  maxPool3dGradKernel,
  maxPoolGradKernel,
  identityKernel,
  gatherV2Kernel,
  groupNormKernel,
  groupNormGradKernel,
  adamUpdateKernel,
  leakyReluGradKernel,
  padV2Kernel,
  temporalShiftKernel,
  resizeNearestNeighborGradKernel,
];

const installed = new Set<string>();

/** Registers every replacement (idempotent) and returns the kernel names replaced or added. */
export function registerWasmKernels(): string[] {
  if (getKernel('Conv2D', 'wasm') == null) {
    throw new Error("registerWasmKernels: import '@tensorflow/tfjs-backend-wasm' first (no wasm kernels are registered)");
  }
  for (const k of WASM_KERNELS) {
    if (installed.has(k.name) && getKernel(k.name, 'wasm') === k.config) continue;
    if (getKernel(k.name, 'wasm') != null) {
      captureStock(k.name);
      unregisterKernel(k.name, 'wasm');
    }
    registerKernel(k.config);
    installed.add(k.name);
  }
  registerLeakyReluGradients();
  registerTemporalShiftGradient();
  return WASM_KERNELS.map((k) => k.name);
}
