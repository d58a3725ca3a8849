// Conv3D as ONE XNNPACK conv2d (the stock kernel runs ~0.5 GFLOP/s): the KD time-shifted frames
// are stacked along channels and time is folded into the batch (see time-unfold.ts), the filter
// is viewed as [KH, KW, KD*C, Co].
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Conv3D, type TensorInfo } from '@tensorflow/tfjs-core';
import { channelsLastAttr, sameOrValidAttr, tupleAttr } from './attrs';
import { conv3dGeometry, FILTER_TO_2D_PERM } from './conv3d-geometry';
import { dispose, reshape } from './heap';
import { conv2d, transpose } from './info-ops';
import { defineWasmKernel, input } from './kernel';
import { unfoldTime } from './time-unfold';
import { conv3dGeometryNd } from '../native/conv-geometry';
import { nativeConv } from '../native/conv';

/** [KD, KH, KW, C, Co] -> [KH, KW, KD*C, Co]. */
export function filterTo2d(backend: BackendWasm, filter: TensorInfo): TensorInfo {
  const [kd, kh, kw, c, co] = filter.shape;
  const t = transpose(backend, filter, FILTER_TO_2D_PERM);
  const out = reshape(backend, t, [kh, kw, kd * c, co]);
  dispose(backend, t);
  return out;
}

const op = Conv3D;

export const conv3dKernel = defineWasmKernel({
  name: op,
  reason: 'stock Conv3D is a scalar loop (~0.5 GFLOP/s); this is one XNNPACK conv2d over time-stacked frames',
  inputs: (m) => ({ x: input(m, 'x', op), filter: input(m, 'filter', op) }),
  attrs: (m) => {
    channelsLastAttr(m, 'dataFormat', op);
    return {
      strides: tupleAttr(m, 'strides', 3, op),
      dilations: tupleAttr(m, 'dilations', 3, op, 1),
      pad: sameOrValidAttr(m, 'pad', op),
    };
  },
  native: ({ x, filter }, a, backend) => nativeConv(backend, op, x, filter, conv3dGeometryNd(x.shape, filter.shape, a.strides, a.dilations, a.pad)),
  run: ({ x, filter }, a, backend) => {
    const g = conv3dGeometry(x.shape, filter.shape, a.strides, a.dilations, a.pad, op);
    const x2 = unfoldTime(backend, x, g.time, op);
    const f2 = filterTo2d(backend, filter);
    const y2 = conv2d(backend, x2, f2, { strides: g.plane.strides, dilations: g.planeDilations, pad: g.plane.pad });
    dispose(backend, x2, f2);
    const y = reshape(backend, y2, g.outShape);
    dispose(backend, y2);
    return y;
  },
});
