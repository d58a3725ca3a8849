// Conv3D geometry (NDHWC) from tfjs' computeConv3DInfo, split into the time window that
// time-unfold handles and the 2-D geometry that the conv2d kernels handle.
import { backend_util } from '@tensorflow/tfjs-core';
import type { Conv2dGeometry } from './conv2d-geometry';
import type { TimeWindow } from './time-unfold';

export interface Conv3dGeometry {
  time: TimeWindow;
  plane: Conv2dGeometry;
  planeDilations: [number, number];
  outShape: number[];
}

export function conv3dGeometry(
  xShape: number[], filterShape: number[], strides: number[], dilations: number[], pad: 'same' | 'valid', op: string,
): Conv3dGeometry {
  if (xShape.length !== 5 || filterShape.length !== 5) {
    throw new Error(`${op}: expected rank-5 input and filter shapes (NDHWC), got [${xShape}] and [${filterShape}]`);
  }
  const [n, d, h, w, c] = xShape;
  const [kd, kh, kw, fc, co] = filterShape;
  if (fc !== c) throw new Error(`${op}: input has ${c} channels but the filter expects ${fc}`);
  const info = backend_util.computeConv3DInfo(
    [n, d, h, w, c], [kd, kh, kw, fc, co], [strides[0], strides[1], strides[2]],
    [dilations[0], dilations[1], dilations[2]], pad,
  );
  const p = info.padInfo;
  return {
    time: { depth: kd, stride: info.strideDepth, dilation: info.dilationDepth, front: p.front, outDepth: info.outDepth },
    plane: { strides: [info.strideHeight, info.strideWidth], pad: [p.top, p.bottom, p.left, p.right] },
    planeDilations: [info.dilationHeight, info.dilationWidth],
    outShape: info.outShape,
  };
}

/** [KD, KH, KW, C, Co] -> [KH, KW, KD*C, Co] (channel index kd*C + c, as in unfoldTime). */
export const FILTER_TO_2D_PERM = [1, 2, 0, 3, 4];
/** Inverse of FILTER_TO_2D_PERM applied to [KH, KW, KD, C, Co]. */
export const FILTER_FROM_2D_PERM = [2, 0, 1, 3, 4];
