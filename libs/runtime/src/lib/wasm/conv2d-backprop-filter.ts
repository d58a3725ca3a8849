// Gradient of conv2d with respect to its filter (missing from stock wasm).
//   dW[kh, kw, c, co] = sum_{n, i, j} x[n, i*sh + kh - top, j*sw + kw - left, c] * dy[n, i, j, co]
// Many input channels: this is itself a conv2d, run by XNNPACK: the input is x with batch and
// channels swapped ([C, H, W, N]), the filter is dy as [Ho, Wo, N, Co] dilated by the forward
// stride, the padding is the forward padding (the far side chosen so the output is KH x KW).
// Few input channels (<= 8): im2col, i.e. dW = P^T dy with the patch matrix P [N*Ho*Wo, KH*KW*C]
// and dy as [N*Ho*Wo, Co], in chunks of output rows so that each chunk's P^T (built in JS) and
// dy rows stay in cache; one XNNPACK matmul per chunk, summed in float64.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Conv2DBackpropFilter, type TensorInfo } from '@tensorflow/tfjs-core';
import { conv2dBackpropAttrs } from './attrs';
import { multiplyBlock } from './batch-mat-mul';
import { assertShape, conv2dGeometry, type Conv2dGeometry } from './conv2d-geometry';
import { allocate, dispose, viewF32 } from './heap';
import { conv2dAnyPad, transpose } from './info-ops';
import { defineWasmKernel, input } from './kernel';
import { conv2dGeometryNd } from '../native/conv-geometry';
import { nativeConvBackpropFilter } from '../native/conv-backprop-filter';

const op = Conv2DBackpropFilter;

/** Input channels up to which im2col + matmul beats the conv2d formulation. */
export const IM2COL_MAX_CHANNELS = 8;

/** Output pixels per im2col chunk (whole output rows): its patch matrix and dy rows stay in cache. */
const CHUNK_PIXELS = 2048;

/**
 * Fills `ps` with the transposed patch matrix of output rows [r0, r0 + rows) (row = n*Ho + i):
 * ps[(kh*KW + kw)*C + c][(row - r0)*Wo + j] = x[n, i*sh + kh - top, j*sw + kw - left, c] (0 outside).
 */
function fillPatchesT(
  ps: Float32Array, xs: Float32Array, xShape: number[], kh: number, kw: number, outH: number, outW: number,
  g: Conv2dGeometry, r0: number, rows: number,
): void {
  const [, h, w, c] = xShape;
  const [sh, sw] = g.strides;
  const [top, , left] = g.pad;
  const step = sw * c;
  let p = 0;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      // Output columns j whose input column j*sw + b - left is inside [0, w).
      const jLo = Math.min(outW, Math.max(0, Math.ceil((left - b) / sw)));
      const jHi = Math.max(jLo, Math.min(outW, Math.floor((w - 1 + left - b) / sw) + 1));
      for (let ch = 0; ch < c; ch++) {
        for (let r = r0; r < r0 + rows; r++, p += outW) {
          const bn = Math.floor(r / outH);
          const hr = (r - bn * outH) * sh + a - top;
          if (hr < 0 || hr >= h) {
            ps.fill(0, p, p + outW);
            continue;
          }
          if (jLo > 0) ps.fill(0, p, p + jLo);
          for (let j = jLo, src = ((bn * h + hr) * w + jLo * sw + b - left) * c + ch; j < jHi; j++, src += step) {
            ps[p + j] = xs[src];
          }
          if (jHi < outW) ps.fill(0, p + jHi, p + outW);
        }
      }
    }
  }
}

function viaIm2col(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, filterShape: number[], g: Conv2dGeometry): TensorInfo {
  const [kh, kw, c, co] = filterShape;
  const [n, outH, outW] = dy.shape;
  const k = kh * kw * c;
  const totalRows = n * outH;
  const chunkRows = Math.min(totalRows, Math.max(1, Math.floor(CHUNK_PIXELS / outW)));
  const patches = allocate(backend, [k, chunkRows * outW]);
  const partial = allocate(backend, [k, co]);
  const out = allocate(backend, [kh, kw, c, co]);
  const acc = new Float64Array(k * co);
  for (let r0 = 0; r0 < totalRows; r0 += chunkRows) {
    const rows = Math.min(chunkRows, totalRows - r0);
    fillPatchesT(viewF32(backend, patches, op), viewF32(backend, x, op), x.shape, kh, kw, outH, outW, g, r0, rows);
    multiplyBlock(backend, patches, 0, dy, r0 * outW * co, partial, 0, k, rows * outW, co);
    const ps = viewF32(backend, partial, op);
    for (let i = 0; i < acc.length; i++) acc[i] += ps[i];
  }
  viewF32(backend, out, op).set(acc);
  dispose(backend, patches, partial);
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

export const conv2dBackpropFilterKernel = defineWasmKernel({
  name: op,
  reason: 'missing from stock wasm (tfjs would fail); computed as a conv2d or im2col + matmul on XNNPACK',
  inputs: (m) => ({ x: input(m, 'x', op), dy: input(m, 'dy', op) }),
  attrs: (m) => conv2dBackpropAttrs(m, 'filterShape', op),
  native: ({ x, dy }, a, backend) =>
    nativeConvBackpropFilter(backend, op, x, dy, conv2dGeometryNd(x.shape, a.shape, a.strides, [1, 1], a.pad, a.dimRoundingMode)),
  run: ({ x, dy }, a, backend) => {
    const { geometry, outShape } = conv2dGeometry(x.shape, a.shape, a.strides, a.pad, a.dimRoundingMode, op);
    assertShape(dy.shape, outShape, 'dy', op);
    return conv2dBackpropFilterInfo(backend, x, dy, a.shape, geometry);
  },
});
