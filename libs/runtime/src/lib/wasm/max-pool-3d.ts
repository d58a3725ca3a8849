// Max-pool 3-D (NDHWC) in JS on the heap, vectorised over the contiguous channel axis. NaN
// inputs are skipped, as on the cpu backend. The
// stock C++ kernel walks one channel at a time with generic index arithmetic.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MaxPool3D, type TensorInfo } from '@tensorflow/tfjs-core';
import { channelsLastAttr, padding3dAttr, roundingAttr, tupleAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';
import { pool3dInfo, poolWindows, type Pool3dParams } from './pool-3d-window';
import { nativeMaxPool3d } from '../native/max-pool-3d';

export function maxPool3dInfo(backend: BackendWasm, x: TensorInfo, p: Pool3dParams): TensorInfo {
  const info = pool3dInfo(x.shape, p, MaxPool3D);
  const { batchSize, inDepth: D, inHeight: H, inWidth: W, inChannels: C, outDepth, outHeight, outWidth } = info;
  const [wd, wh, ww] = poolWindows(info);
  const out = allocate(backend, info.outShape);
  const xs = viewF32(backend, x, MaxPool3D);
  const ys = viewF32(backend, out, MaxPool3D);
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let od = 0; od < outDepth; od++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++, o += C) {
          for (let c = 0; c < C; c++) ys[o + c] = -Infinity;
          for (let d = wd.begin[od]; d < wd.end[od]; d++) {
            for (let h = wh.begin[oh]; h < wh.end[oh]; h++) {
              let base = (((n * D + d) * H + h) * W + ww.begin[ow]) * C;
              for (let w = ww.begin[ow]; w < ww.end[ow]; w++, base += C) {
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
  native: ({ x }, attrs, backend) => nativeMaxPool3d(backend, MaxPool3D, x, pool3dInfo(x.shape, attrs, MaxPool3D)),
  run: ({ x }, attrs, backend) => maxPool3dInfo(backend, x, attrs),
});
