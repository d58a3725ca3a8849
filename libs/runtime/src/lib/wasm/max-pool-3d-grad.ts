// Gradient of max-pool 3-D: each output's upstream gradient goes to the position of its
// window's maximum. Ties go to the LAST maximum in (depth, row, column) scan order, as in the
// cpu backend (`>=`), which matters after a ReLU, where whole windows can be zero.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MaxPool3DGrad, type TensorInfo } from '@tensorflow/tfjs-core';
import { padding3dAttr, roundingAttr, tupleAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';
import { pool3dInfo, poolWindows, type Pool3dParams } from './pool-3d-window';

export function maxPool3dGradInfo(backend: BackendWasm, dy: TensorInfo, x: TensorInfo, p: Pool3dParams): TensorInfo {
  const op = MaxPool3DGrad;
  const info = pool3dInfo(x.shape, p, op);
  const { batchSize, inDepth: D, inHeight: H, inWidth: W, inChannels: C, outDepth, outHeight, outWidth } = info;
  if (dy.shape.join() !== info.outShape.join()) {
    throw new Error(`${op}: dy shape [${dy.shape}] does not match the pooled shape [${info.outShape}]`);
  }
  const [wd, wh, ww] = poolWindows(info);
  const dx = allocate(backend, x.shape);
  const xs = viewF32(backend, x, op);
  const dys = viewF32(backend, dy, op);
  const dxs = viewF32(backend, dx, op);
  dxs.fill(0);
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let od = 0; od < outDepth; od++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++, o += C) {
          best.fill(-Infinity);
          where.fill(-1);
          for (let d = wd.begin[od]; d < wd.end[od]; d++) {
            for (let h = wh.begin[oh]; h < wh.end[oh]; h++) {
              let base = (((n * D + d) * H + h) * W + ww.begin[ow]) * C;
              for (let w = ww.begin[ow]; w < ww.end[ow]; w++, base += C) {
                for (let c = 0; c < C; c++) {
                  const v = xs[base + c];
                  if (v >= best[c]) {
                    best[c] = v;
                    where[c] = base + c;
                  }
                }
              }
            }
          }
          for (let c = 0; c < C; c++) if (where[c] >= 0) dxs[where[c]] += dys[o + c];
        }
      }
    }
  }
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
