// Conv2D: the stock XNNPACK kernel, with the native layer's Conv tried first. Registered as a
// replacement only so that the native variant has a place; `run` is the stock kernel unchanged.
import { Conv2D } from '@tensorflow/tfjs-core';
import { channelsLastAttr, padding2dAttr, roundingAttr, tupleAttr } from './attrs';
import { defineWasmKernel, input } from './kernel';
import { runStock1 } from './stock';
import { conv2dGeometryNd } from '../native/conv-geometry';
import { nativeConv } from '../native/conv';

const op = Conv2D;

export const conv2dKernel = defineWasmKernel({
  name: op,
  reason: 'adds the native Conv in front of the stock XNNPACK conv2d',
  inputs: (m) => ({ x: input(m, 'x', op), filter: input(m, 'filter', op) }),
  attrs: (m, raw = m) => {
    channelsLastAttr(m, 'dataFormat', op);
    return {
      raw,
      strides: tupleAttr(m, 'strides', 2, op),
      dilations: tupleAttr(m, 'dilations', 2, op, 1),
      pad: padding2dAttr(m, 'pad', op),
      dimRoundingMode: roundingAttr(m, 'dimRoundingMode', op),
    };
  },
  native: ({ x, filter }, a, backend) =>
    nativeConv(backend, op, x, filter, conv2dGeometryNd(x.shape, filter.shape, a.strides, a.dilations, a.pad, a.dimRoundingMode)),
  run: ({ x, filter }, a, backend) => runStock1(op, backend, { x, filter }, a.raw),
});
