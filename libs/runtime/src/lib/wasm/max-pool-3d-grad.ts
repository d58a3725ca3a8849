// Gradient of max-pool 3-D: each output's upstream gradient goes to the position of its
// window's maximum. Ties go to the LAST maximum in (depth, row, column) scan order, as in the
// cpu backend (`>=`), which matters after a ReLU, where whole windows can be zero. NaN never
// wins. The scan runs in SIMD over four channels at a time (assembly/max-pool-grad.ts); the
// JS version with a branch-free search over the pooled maxima ran 3-4x slower.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MaxPool3DGrad, type TensorInfo } from '@tensorflow/tfjs-core';
import { padding3dAttr, roundingAttr, tupleAttr } from './attrs';
import { allocate } from './heap';
import { defineWasmKernel, input } from './kernel';
import { pool3dInfo, type Pool3dParams } from './pool-3d-window';
import { address, simdKernels } from './simd';

export function maxPool3dGradInfo(backend: BackendWasm, dy: TensorInfo, x: TensorInfo, p: Pool3dParams): TensorInfo {
  const op = MaxPool3DGrad;
  const info = pool3dInfo(x.shape, p, op);
  if (dy.shape.join() !== info.outShape.join()) {
    throw new Error(`${op}: dy shape [${dy.shape}] does not match the pooled shape [${info.outShape}]`);
  }
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error(`${op}: expected float32 tensors, got ${x.dtype} and ${dy.dtype}`);
  const dx = allocate(backend, x.shape);
  const pad = info.padInfo;
  simdKernels(backend).maxPool3dGrad(
    address(backend, x), address(backend, dy), address(backend, dx),
    info.batchSize, info.inDepth, info.inHeight, info.inWidth, info.inChannels, info.outDepth, info.outHeight, info.outWidth,
    info.filterDepth, info.filterHeight, info.filterWidth, info.strideDepth, info.strideHeight, info.strideWidth,
    pad.front, pad.top, pad.left,
  );
  return dx;
}

export const maxPool3dGradKernel = defineWasmKernel({
  name: MaxPool3DGrad,
  reason: 'stock MaxPool3DGrad is a per-channel scalar loop over every input position',
  inputs: (m) => ({ dy: input(m, 'dy', MaxPool3DGrad), x: input(m, 'input', MaxPool3DGrad) }),
  attrs: (m) => ({
    filterSize: tupleAttr(m, 'filterSize', 3, MaxPool3DGrad),
    strides: tupleAttr(m, 'strides', 3, MaxPool3DGrad),
    pad: padding3dAttr(m, 'pad', MaxPool3DGrad),
    dimRoundingMode: roundingAttr(m, 'dimRoundingMode', MaxPool3DGrad),
  }),
  run: ({ dy, x }, attrs, backend) => maxPool3dGradInfo(backend, dy, x, attrs),
});
