// Gradient of conv3d with respect to its input (the stock kernel returns WRONG values): the
// conv2d input gradient for the time-unfolded input (see time-unfold.ts), folded back in time.
import { Conv3DBackpropInputV2 } from '@tensorflow/tfjs-core';
import { sameOrValidAttr, shapeAttr, tupleAttr } from './attrs';
import { conv2dBackpropInputInfo } from './conv2d-backprop-input';
import { assertShape } from './conv2d-geometry';
import { filterTo2d } from './conv3d';
import { conv3dGeometry } from './conv3d-geometry';
import { dispose, reshape } from './heap';
import { defineWasmKernel, input } from './kernel';
import { foldTime } from './time-unfold';
import { conv3dGeometryNd } from '../native/conv-geometry';
import { nativeConvBackpropInput } from '../native/conv-backprop-input';

const op = Conv3DBackpropInputV2;

export const conv3dBackpropInputKernel = defineWasmKernel({
  name: op,
  reason: 'stock Conv3DBackpropInputV2 returns wrong input gradients (and is a scalar loop)',
  inputs: (m) => ({ dy: input(m, 'dy', op), filter: input(m, 'filter', op) }),
  attrs: (m) => ({
    strides: tupleAttr(m, 'strides', 3, op),
    pad: sameOrValidAttr(m, 'pad', op),
    inputShape: shapeAttr(m, 'inputShape', 5, op),
  }),
  native: ({ dy, filter }, a, backend) =>
    nativeConvBackpropInput(backend, op, dy, filter, conv3dGeometryNd(a.inputShape, filter.shape, a.strides, [1, 1, 1], a.pad)),
  run: ({ dy, filter }, a, backend) => {
    const g = conv3dGeometry(a.inputShape, filter.shape, a.strides, [1, 1, 1], a.pad, op);
    assertShape(dy.shape, g.outShape, 'dy', op);
    const [kd, , , c, co] = filter.shape;
    const [n, , h, w] = a.inputShape;
    const [, outD, outH, outW] = g.outShape;
    const dy2 = reshape(backend, dy, [n * outD, outH, outW, co]);
    const f2 = filterTo2d(backend, filter);
    const dx2 = conv2dBackpropInputInfo(backend, dy2, f2, [n * outD, h, w, kd * c], g.plane);
    dispose(backend, dy2, f2);
    const dx = foldTime(backend, dx2, a.inputShape, g.time, op);
    dispose(backend, dx2);
    return dx;
  },
});
