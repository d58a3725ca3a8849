// Gradient of conv2d with respect to its filter (missing from stock wasm).
//   dW[kh, kw, c, co] = sum_{n, i, j} x[n, i*sh + kh - top, j*sw + kw - left, c] * dy[n, i, j, co]
// Many input channels: this is itself a conv2d, run by XNNPACK: the input is x with batch and
// channels swapped ([C, H, W, N]), the filter is dy as [Ho, Wo, N, Co] dilated by the forward
// stride, the padding is the forward padding (the far side chosen so the output is KH x KW).
// Few input channels (<= 8): im2col (the patch matrix, transposed, [KH*KW*C, N*Ho*Wo]) times dy
// as a [N*Ho*Wo, Co] matrix, one XNNPACK matmul.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Conv2DBackpropFilter, type TensorInfo } from '@tensorflow/tfjs-core';
import { channelsLastAttr, padding2dAttr, roundingAttr, shapeAttr, tupleAttr } from './attrs';
import { matMulInfo } from './batch-mat-mul';
import { assertShape, conv2dGeometry, type Conv2dGeometry } from './conv2d-geometry';
import { allocate, dispose, reshape, viewF32 } from './heap';
import { conv2dAnyPad, transpose } from './info-ops';
import { defineWasmKernel, input } from './kernel';

/** Input channels up to which im2col + matmul beats the conv2d formulation. */
export const IM2COL_MAX_CHANNELS = 8;

/** The transposed patch matrix P^T[(kh*KW + kw)*C + c, (n*Ho + i)*Wo + j]. */
function patchesT(backend: BackendWasm, x: TensorInfo, kh: number, kw: number, outH: number, outW: number, g: Conv2dGeometry): TensorInfo {
  const [n, h, w, c] = x.shape;
  const [sh, sw] = g.strides;
  const [top, , left] = g.pad;
  const cols = n * outH * outW;
  const out = allocate(backend, [kh * kw * c, cols]);
  const xs = viewF32(backend, x, Conv2DBackpropFilter);
  const ps = viewF32(backend, out, Conv2DBackpropFilter);
  let p = 0;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      for (let ch = 0; ch < c; ch++) {
        for (let bn = 0; bn < n; bn++) {
          for (let i = 0; i < outH; i++) {
            const row = i * sh + a - top;
            if (row < 0 || row >= h) {
              ps.fill(0, p, p + outW);
              p += outW;
              continue;
            }
            const base = (bn * h + row) * w;
            for (let j = 0; j < outW; j++, p++) {
              const col = j * sw + b - left;
              ps[p] = col >= 0 && col < w ? xs[(base + col) * c + ch] : 0;
            }
          }
        }
      }
    }
  }
  return out;
}

function viaIm2col(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, filterShape: number[], g: Conv2dGeometry): TensorInfo {
  const [kh, kw, c, co] = filterShape;
  const [n, outH, outW] = dy.shape;
  const pt = patchesT(backend, x, kh, kw, outH, outW, g);
  const dy2 = reshape(backend, dy, [n * outH * outW, co]);
  const dw = matMulInfo(backend, pt, dy2, false, false);
  dispose(backend, pt, dy2);
  const out = reshape(backend, dw, [kh, kw, c, co]);
  dispose(backend, dw);
  return out;
}

function viaConv2d(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, filterShape: number[], g: Conv2dGeometry): TensorInfo {
  const [kh, kw] = filterShape;
  const [, h, w] = x.shape;
  const [, outH, outW] = dy.shape;
  const [sh, sw] = g.strides;
  const [top, , left] = g.pad;
  const xT = transpose(backend, x, [3, 1, 2, 0]); // [C, H, W, N]
  const dyT = transpose(backend, dy, [1, 2, 0, 3]); // [Ho, Wo, N, Co]
  const dwT = conv2dAnyPad(backend, xT, dyT, {
    strides: [1, 1],
    dilations: [sh, sw],
    pad: [top, kh + (outH - 1) * sh - h - top, left, kw + (outW - 1) * sw - w - left],
  }); // [C, KH, KW, Co]
  dispose(backend, xT, dyT);
  const dw = transpose(backend, dwT, [1, 2, 0, 3]);
  dispose(backend, dwT);
  return dw;
}

export function conv2dBackpropFilterInfo(
  backend: BackendWasm, x: TensorInfo, dy: TensorInfo, filterShape: number[], g: Conv2dGeometry,
): TensorInfo {
  return filterShape[2] <= IM2COL_MAX_CHANNELS
    ? viaIm2col(backend, x, dy, filterShape, g)
    : viaConv2d(backend, x, dy, filterShape, g);
}

const op = Conv2DBackpropFilter;

export const conv2dBackpropFilterKernel = defineWasmKernel({
  name: op,
  reason: 'missing from stock wasm (tfjs would fail); computed as a conv2d or im2col + matmul on XNNPACK',
  inputs: (m) => ({ x: input(m, 'x', op), dy: input(m, 'dy', op) }),
  attrs: (m) => {
    channelsLastAttr(m, 'dataFormat', op);
    return {
      strides: tupleAttr(m, 'strides', 2, op),
      pad: padding2dAttr(m, 'pad', op),
      dimRoundingMode: roundingAttr(m, 'dimRoundingMode', op),
      filterShape: shapeAttr(m, 'filterShape', 4, op),
    };
  },
  run: ({ x, dy }, a, backend) => {
    const { geometry, outShape } = conv2dGeometry(x.shape, a.filterShape, a.strides, a.pad, a.dimRoundingMode, op);
    assertShape(dy.shape, outShape, 'dy', op);
    return conv2dBackpropFilterInfo(backend, x, dy, a.filterShape, geometry);
  },
});
