// Sum over axes that are not the innermost ones (e.g. a bias gradient: all axes but channels of
// a rank-5 activation) as one pass over the input with float64 accumulators. The stock kernel
// first transposes the whole input so that the reduced axes become innermost. Innermost
// reductions stay with the stock C++ kernel.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, Sum, util, type TensorInfo } from '@tensorflow/tfjs-core';
import { booleanAttr, numbersAttr } from './attrs';
import { allocate, view } from './heap';
import { defineWasmKernel, input } from './kernel';
import { runStock1 } from './stock';
import { nativeSum } from '../native/reduce-sum';

interface Group {
  size: number;
  reduce: boolean;
}

/** Merges neighbouring axes of the same kind, dropping axes of size 1. */
function groups(shape: number[], axes: number[]): Group[] {
  const out: Group[] = [];
  shape.forEach((size, i) => {
    if (size === 1) return;
    const reduce = axes.includes(i);
    const last = out[out.length - 1];
    if (last != null && last.reduce === reduce) last.size *= size;
    else out.push({ size, reduce });
  });
  return out;
}

/** acc[kept index] += x over the reduced groups, walking x once in memory order. */
function accumulate(x: ArrayLike<number>, gs: Group[], acc: Float64Array): void {
  const n = gs.length;
  if (n === 0) {
    acc[0] += x[0];
    return;
  }
  const outStride = new Array<number>(n).fill(0);
  for (let i = n - 1, s = 1; i >= 0; i--) {
    if (!gs[i].reduce) {
      outStride[i] = s;
      s *= gs[i].size;
    }
  }
  const inner = gs[n - 1];
  const idx = new Array<number>(n - 1).fill(0);
  let xOff = 0;
  let outOff = 0;
  for (;;) {
    if (inner.reduce) {
      let s = 0;
      for (let j = 0; j < inner.size; j++) s += x[xOff + j];
      acc[outOff] += s;
    } else {
      for (let j = 0; j < inner.size; j++) acc[outOff + j] += x[xOff + j];
    }
    xOff += inner.size;
    let a = n - 2;
    while (a >= 0) {
      idx[a]++;
      outOff += outStride[a];
      if (idx[a] < gs[a].size) break;
      outOff -= outStride[a] * gs[a].size;
      idx[a] = 0;
      a--;
    }
    if (a < 0) return;
  }
}

export function sumInfo(backend: BackendWasm, x: TensorInfo, axis: number[] | null, keepDims: boolean): TensorInfo {
  const axes = axis == null ? x.shape.map((_, i) => i) : util.parseAxisParam(axis, x.shape);
  const gs = groups(x.shape, axes);
  const innermost = gs.length === 0 || gs.every((g, i) => !g.reduce || gs.slice(i).every((h) => h.reduce));
  if (innermost || (x.dtype !== 'float32' && x.dtype !== 'int32')) {
    return runStock1(Sum, backend, { x }, { axis: axes, keepDims });
  }
  const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
  const shape = keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
  const acc = new Float64Array(util.sizeFromShape(outShape));
  if (util.sizeFromShape(x.shape) > 0) accumulate(view(backend, x), gs, acc);
  const out = allocate(backend, shape, x.dtype);
  view(backend, out).set(acc);
  return out;
}

export const sumKernel = defineWasmKernel({
  name: Sum,
  reason: 'stock Sum transposes the whole input when the reduced axes are not innermost (bias gradients)',
  inputs: (m) => ({ x: input(m, 'x', Sum) }),
  // axis null means every axis.
  attrs: (m) => ({ axis: m['axis'] == null ? null : numbersAttr(m, 'axis', Sum), keepDims: booleanAttr(m, 'keepDims', Sum, false) }),
  native: ({ x }, { axis, keepDims }, backend) => nativeSum(backend, Sum, x, axis, keepDims),
  run: ({ x }, { axis, keepDims }, backend) => sumInfo(backend, x, axis, keepDims),
});
