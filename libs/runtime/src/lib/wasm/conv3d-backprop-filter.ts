// Gradient of conv3d with respect to its filter: the conv2d filter gradient of the time-unfolded
// input (see time-unfold.ts) with dy folded to [N*Do, Ho, Wo, Co], reshaped back to 5-D.
import { Conv3DBackpropFilterV2 } from '@tensorflow/tfjs-core';
import { sameOrValidAttr, shapeAttr, tupleAttr } from './attrs';
import { conv2dBackpropFilterInfo } from './conv2d-backprop-filter';
import { assertShape } from './conv2d-geometry';
import { conv3dGeometry, FILTER_FROM_2D_PERM } from './conv3d-geometry';
import { dispose, reshape } from './heap';
import { transpose } from './info-ops';
import { defineWasmKernel, input } from './kernel';
import { unfoldTime } from './time-unfold';
import { conv3dGeometryNd } from '../native/conv-geometry';
import { nativeConvBackpropFilter } from '../native/conv-backprop-filter';

const op = Conv3DBackpropFilterV2;

export const conv3dBackpropFilterKernel = defineWasmKernel({
  name: op,
  reason: 'stock Conv3DBackpropFilterV2 is a scalar loop; this is one conv2d filter gradient on XNNPACK',
  inputs: (m) => ({ x: input(m, 'x', op), dy: input(m, 'dy', op) }),
  attrs: (m) => ({
    strides: tupleAttr(m, 'strides', 3, op),
    pad: sameOrValidAttr(m, 'pad', op),
    filterShape: shapeAttr(m, 'filterShape', 5, op),
  }),
  native: ({ x, dy }, a, backend) =>
    nativeConvBackpropFilter(backend, op, x, dy, conv3dGeometryNd(x.shape, a.filterShape, a.strides, [1, 1, 1], a.pad)),
  run: ({ x, dy }, a, backend) => {
    const g = conv3dGeometry(x.shape, a.filterShape, a.strides, [1, 1, 1], a.pad, op);
    assertShape(dy.shape, g.outShape, 'dy', op);
    const [kd, kh, kw, c, co] = a.filterShape;
    const [n, outD, outH, outW] = g.outShape;
    const x2 = unfoldTime(backend, x, g.time, op);
    const dy2 = reshape(backend, dy, [n * outD, outH, outW, co]);
    const dw2 = conv2dBackpropFilterInfo(backend, x2, dy2, [kh, kw, kd * c, co], g.plane);
    dispose(backend, x2, dy2);
    const dw5 = reshape(backend, dw2, [kh, kw, kd, c, co]);
    dispose(backend, dw2);
    const dw = transpose(backend, dw5, FILTER_FROM_2D_PERM);
    dispose(backend, dw5);
    return dw;
  },
});
