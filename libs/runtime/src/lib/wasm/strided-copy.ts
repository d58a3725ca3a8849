// Copies a box of a row-major array into another row-major array: the shared core of slice,
// split and concat. The box is walked as runs of contiguous elements (trailing dimensions that
// are copied whole merge into one run); long runs are block copies (TypedArray.set), short ones
// an element loop.
import type { HeapArray } from './heap';

const BLOCK_COPY_MIN = 24;

export interface Box {
  /** Shape of the box (the number of elements copied along each axis). */
  size: number[];
  srcShape: number[];
  srcBegin: number[];
  dstShape: number[];
  dstBegin: number[];
}

function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export function copyBox(src: HeapArray, dst: HeapArray, box: Box): void {
  const { size, srcShape, srcBegin, dstShape, dstBegin } = box;
  const rank = size.length;
  if (size.some((d) => d === 0)) return;
  // Merge trailing axes copied whole in both arrays into the run.
  let k = rank - 1;
  let run = 1;
  while (k > 0 && size[k] === srcShape[k] && size[k] === dstShape[k]) {
    run *= size[k];
    k--;
  }
  run *= size[k];
  const ss = strides(srcShape);
  const ds = strides(dstShape);
  let srcOff = 0;
  let dstOff = 0;
  for (let i = 0; i < rank; i++) {
    srcOff += srcBegin[i] * ss[i];
    dstOff += dstBegin[i] * ds[i];
  }
  // Odometer over axes 0..k-1.
  const idx = new Array<number>(k).fill(0);
  const block = run >= BLOCK_COPY_MIN;
  for (;;) {
    if (block) {
      dst.set(src.subarray(srcOff, srcOff + run), dstOff);
    } else {
      for (let j = 0; j < run; j++) dst[dstOff + j] = src[srcOff + j];
    }
    let a = k - 1;
    while (a >= 0) {
      idx[a]++;
      srcOff += ss[a];
      dstOff += ds[a];
      if (idx[a] < size[a]) break;
      srcOff -= ss[a] * size[a];
      dstOff -= ds[a] * size[a];
      idx[a] = 0;
      a--;
    }
    if (a < 0) return;
  }
}
