// Gradient of conv2d with respect to its input, as a conv2d on XNNPACK (the stock kernel is a
// scalar loop, ~2.3 GFLOP/s):
//   dx = conv2d(dilate(dy, stride), rot180(W) with in/out channels swapped, stride 1,
//               padding K-1-pad before, whatever makes the output H x W after)
// dilate() inserts stride-1 zeros between dy's rows and columns (a reshape plus a pad).
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Conv2DBackpropInput, type TensorInfo } from '@tensorflow/tfjs-core';
import { conv2dBackpropAttrs } from './attrs';
import { assertShape, conv2dGeometry, type Conv2dGeometry } from './conv2d-geometry';
import { dispose, reshape } from './heap';
import { conv2dAnyPad, padOrCrop, reverse, transpose } from './info-ops';
import { defineWasmKernel, input } from './kernel';
import { conv2dGeometryNd } from '../native/conv-geometry';
import { nativeConvBackpropInput } from '../native/conv-backprop-input';

/** dy with stride-1 zeros after every row and column: [N, Ho*sh, Wo*sw, Co]. */
function dilate(backend: BackendWasm, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return reshape(backend, dy, dy.shape);
  const [n, outH, outW, co] = dy.shape;
  const six = reshape(backend, dy, [n, outH, 1, outW, 1, co]);
  const padded = padOrCrop(backend, six, [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
  dispose(backend, six);
  const out = reshape(backend, padded, [n, outH * sh, outW * sw, co]);
  dispose(backend, padded);
  return out;
}

export function conv2dBackpropInputInfo(
  backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, inputShape: number[], g: Conv2dGeometry,
): TensorInfo {
  const [, h, w] = inputShape;
  const [kh, kw] = filter.shape;
  const [sh, sw] = g.strides;
  const [top, , left] = g.pad;
  const dyD = dilate(backend, dy, sh, sw);
  const flipped = reverse(backend, filter, [0, 1]);
  const rot = transpose(backend, flipped, [0, 1, 3, 2]); // [KH, KW, Co, C]
  dispose(backend, flipped);
  const [, hd, wd] = dyD.shape;
  const padTop = kh - 1 - top;
  const padLeft = kw - 1 - left;
  const dx = conv2dAnyPad(backend, dyD, rot, {
    strides: [1, 1],
    dilations: [1, 1],
    pad: [padTop, h + kh - 1 - hd - padTop, padLeft, w + kw - 1 - wd - padLeft],
  });
  dispose(backend, dyD, rot);
  return dx;
}

const op = Conv2DBackpropInput;

export const conv2dBackpropInputKernel = defineWasmKernel({
  name: op,
  reason: 'stock Conv2DBackpropInput is a scalar loop (~2.3 GFLOP/s); this is one XNNPACK conv2d',
  inputs: (m) => ({ dy: input(m, 'dy', op), filter: input(m, 'filter', op) }),
  attrs: (m) => conv2dBackpropAttrs(m, 'inputShape', op),
  native: ({ dy, filter }, a, backend) =>
    nativeConvBackpropInput(backend, op, dy, filter, conv2dGeometryNd(a.shape, filter.shape, a.strides, [1, 1], a.pad, a.dimRoundingMode)),
  run: ({ dy, filter }, a, backend) => {
    const { geometry, outShape } = conv2dGeometry(a.shape, filter.shape, a.strides, a.pad, a.dimRoundingMode, op);
    assertShape(dy.shape, outShape, 'dy', op);
    return conv2dBackpropInputInfo(backend, dy, filter, a.shape, geometry);
  },
});
