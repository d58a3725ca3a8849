// Max-pool 3-D (NDHWC) in JS on the heap, vectorised over the contiguous channel axis. The
// stock C++ kernel walks one channel at a time with generic index arithmetic.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MaxPool3D, type TensorInfo } from '@tensorflow/tfjs-core';
import { channelsLastAttr, padding3dAttr, roundingAttr, tupleAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';
import { pool3dInfo, windowRange, type Pool3dParams } from './pool-3d-window';

export function maxPool3dInfo(backend: BackendWasm, x: TensorInfo, p: Pool3dParams): TensorInfo {
  const info = pool3dInfo(x.shape, p, MaxPool3D);
  const { batchSize, inDepth: D, inHeight: H, inWidth: W, inChannels: C } = info;
  const { outDepth, outHeight, outWidth, strideDepth, strideHeight, strideWidth } = info;
  const { filterDepth, filterHeight, filterWidth, padInfo } = info;
  const out = allocate(backend, info.outShape);
  const xs = viewF32(backend, x, MaxPool3D);
  const ys = viewF32(backend, out, MaxPool3D);
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let od = 0; od < outDepth; od++) {
      const [d0, d1] = windowRange(od, strideDepth, padInfo.front, filterDepth, D);
      for (let oh = 0; oh < outHeight; oh++) {
        const [h0, h1] = windowRange(oh, strideHeight, padInfo.top, filterHeight, H);
        for (let ow = 0; ow < outWidth; ow++, o += C) {
          const [w0, w1] = windowRange(ow, strideWidth, padInfo.left, filterWidth, W);
          ys.fill(-Infinity, o, o + C);
          for (let d = d0; d < d1; d++) {
            for (let h = h0; h < h1; h++) {
              for (let w = w0; w < w1; w++) {
                const base = (((n * D + d) * H + h) * W + w) * C;
                for (let c = 0; c < C; c++) {
                  const v = xs[base + c];
                  if (v > ys[o + c]) ys[o + c] = v;
                }
              }
            }
          }
        }
      }
    }
  }
  return out;
}

export const maxPool3dKernel = defineWasmKernel({
  name: MaxPool3D,
  reason: 'stock MaxPool3D is a per-channel scalar loop; this one is vectorised over channels',
  inputs: (m) => ({ x: input(m, 'x', MaxPool3D) }),
  attrs: (m) => {
    channelsLastAttr(m, 'dataFormat', MaxPool3D);
    return {
      filterSize: tupleAttr(m, 'filterSize', 3, MaxPool3D),
      strides: tupleAttr(m, 'strides', 3, MaxPool3D),
      pad: padding3dAttr(m, 'pad', MaxPool3D),
      dimRoundingMode: roundingAttr(m, 'dimRoundingMode', MaxPool3D),
    };
  },
  run: ({ x }, attrs, backend) => maxPool3dInfo(backend, x, attrs),
});
