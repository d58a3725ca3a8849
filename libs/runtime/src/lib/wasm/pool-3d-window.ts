// Geometry of a 3-D pooling window (NDHWC, dilation 1): for an output position, the in-range
// input range on each spatial axis. Shared by max-pool-3d and its gradient.
import { backend_util } from '@tensorflow/tfjs-core';
import type { Padding3D, RoundingMode } from './attrs';

export interface Pool3dParams {
  filterSize: number[];
  strides: number[];
  pad: Padding3D;
  dimRoundingMode?: RoundingMode;
}

export function pool3dInfo(xShape: number[], p: Pool3dParams, op: string): backend_util.Conv3DInfo {
  if (xShape.length !== 5) throw new Error(`${op}: input must be rank 5 (NDHWC), got shape [${xShape}]`);
  const [n, d, h, w, c] = xShape;
  const [fd, fh, fw] = p.filterSize;
  const [sd, sh, sw] = p.strides;
  return backend_util.computePool3DInfo([n, d, h, w, c], [fd, fh, fw], [sd, sh, sw], 1, p.pad, p.dimRoundingMode, 'NDHWC');
}

/** Per output index along one axis: [begin, end) of the in-range inputs under its window. */
export interface AxisWindows {
  begin: Int32Array;
  end: Int32Array;
}

export function axisWindows(outSize: number, stride: number, padBefore: number, filter: number, inSize: number): AxisWindows {
  const begin = new Int32Array(outSize);
  const end = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const corner = o * stride - padBefore;
    begin[o] = Math.max(0, corner);
    end[o] = Math.min(inSize, corner + filter);
  }
  return { begin, end };
}

/** The windows of a pool3dInfo along depth, height and width. */
export function poolWindows(info: backend_util.Conv3DInfo): [AxisWindows, AxisWindows, AxisWindows] {
  const p = info.padInfo;
  return [
    axisWindows(info.outDepth, info.strideDepth, p.front, info.filterDepth, info.inDepth),
    axisWindows(info.outHeight, info.strideHeight, p.top, info.filterHeight, info.inHeight),
    axisWindows(info.outWidth, info.strideWidth, p.left, info.filterWidth, info.inWidth),
  ];
}
