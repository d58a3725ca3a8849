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

/** [begin, end) of the in-range inputs under output index `o` along one axis. */
export function windowRange(o: number, stride: number, padBefore: number, filter: number, size: number): [number, number] {
  const corner = o * stride - padBefore;
  return [Math.max(0, corner), Math.min(size, corner + filter)];
}
