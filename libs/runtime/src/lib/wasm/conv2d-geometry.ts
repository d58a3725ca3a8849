// The geometry of a forward NHWC conv2d (dilation 1) that the gradient kernels need, read once
// from tfjs' own computeConv2DInfo so that 'same' / 'valid' / explicit padding and rounding
// modes mean exactly what they mean in the forward op.
import { backend_util } from '@tensorflow/tfjs-core';
import type { Padding2D, RoundingMode } from './attrs';

export interface Conv2dGeometry {
  strides: [number, number];
  /** [top, bottom, left, right] */
  pad: [number, number, number, number];
}

export function conv2dGeometry(
  xShape: number[], filterShape: number[], strides: number[], pad: Padding2D, rounding: RoundingMode | undefined, op: string,
): { geometry: Conv2dGeometry; outShape: number[] } {
  if (xShape.length !== 4 || filterShape.length !== 4) {
    throw new Error(`${op}: expected rank-4 input and filter shapes, got [${xShape}] and [${filterShape}]`);
  }
  const [n, h, w, c] = xShape;
  const [kh, kw, fc, co] = filterShape;
  if (fc !== c) throw new Error(`${op}: input has ${c} channels but the filter expects ${fc}`);
  const info = backend_util.computeConv2DInfo(
    [n, h, w, c], [kh, kw, fc, co], [strides[0], strides[1]], 1, pad, rounding, false, 'channelsLast',
  );
  const { top, bottom, left, right } = info.padInfo;
  return {
    geometry: { strides: [info.strideHeight, info.strideWidth], pad: [top, bottom, left, right] },
    outShape: info.outShape,
  };
}

export function assertShape(actual: number[], expected: number[], what: string, op: string): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw new Error(`${op}: ${what} has shape [${actual}], expected [${expected}]`);
  }
}
