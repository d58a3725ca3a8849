// Tensor-info level ops on the wasm backend, for use inside replacement kernels: they call the
// stock kernels directly (no engine, no tape) and return TensorInfos the caller must dispose.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { ExplicitPadding2D } from './attrs';
import { dispose } from './heap';
import { sliceInfo } from './slice';
import { runStock1 } from './stock';
import { transposeInfo } from './transpose';

export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return transposeInfo(backend, x, perm);
}

export function reverse(backend: BackendWasm, x: TensorInfo, dims: number[]): TensorInfo {
  return runStock1('Reverse', backend, { x }, { dims });
}

/** Pads with zeros; a negative amount crops instead. */
export function padOrCrop(backend: BackendWasm, x: TensorInfo, paddings: [number, number][]): TensorInfo {
  const crop = paddings.some(([a, b]) => a < 0 || b < 0);
  const grow = paddings.some(([a, b]) => a > 0 || b > 0);
  let t = x;
  if (crop) {
    const begin = paddings.map(([a]) => Math.max(0, -a));
    const size = t.shape.map((d, i) => d - begin[i] - Math.max(0, -paddings[i][1]));
    t = sliceInfo(backend, t, begin, size);
  }
  if (grow) {
    const padded = runStock1('PadV2', backend, { x: t }, {
      paddings: paddings.map(([a, b]) => [Math.max(0, a), Math.max(0, b)]),
      constantValue: 0,
    });
    if (t !== x) dispose(backend, t);
    t = padded;
  }
  if (t === x) backend.incRef(x.dataId);
  return t;
}

export interface Conv2dParams {
  strides: [number, number];
  dilations: [number, number];
  /** [top, bottom, left, right], all >= 0. */
  pad: [number, number, number, number];
}

/** The stock (XNNPACK) conv2d, NHWC, with explicit padding. */
export function conv2d(backend: BackendWasm, x: TensorInfo, filter: TensorInfo, p: Conv2dParams): TensorInfo {
  const [top, bottom, left, right] = p.pad;
  const pad: ExplicitPadding2D = [[0, 0], [top, bottom], [left, right], [0, 0]];
  return runStock1('Conv2D', backend, { x, filter }, {
    strides: p.strides,
    dilations: p.dilations,
    pad,
    dataFormat: 'NHWC',
  });
}

/** conv2d with any (possibly negative) padding: negative amounts crop the input first. */
export function conv2dAnyPad(backend: BackendWasm, x: TensorInfo, filter: TensorInfo, p: Conv2dParams): TensorInfo {
  const [top, bottom, left, right] = p.pad;
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return conv2d(backend, x, filter, p);
  const cropped = padOrCrop(backend, x, [[0, 0], [Math.min(top, 0), Math.min(bottom, 0)], [Math.min(left, 0), Math.min(right, 0)], [0, 0]]);
  const out = conv2d(backend, cropped, filter, {
    ...p,
    pad: [Math.max(top, 0), Math.max(bottom, 0), Math.max(left, 0), Math.max(right, 0)],
  });
  dispose(backend, cropped);
  return out;
}
