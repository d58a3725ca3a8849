// Concat as heap copies, viewed as 2-D: [outer, inner_i] pieces into [outer, sum inner_i]. The
// stock kernel makes one subarray+set per (row, input), which dominates when rows are short
// (e.g. concatenating along channels); short rows are copied with an element loop instead.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, Concat, util, type TensorInfo } from '@tensorflow/tfjs-core';
import { numberAttr } from './attrs';
import { allocate, view } from './heap';
import { defineWasmKernel, inputList } from './kernel';

const BLOCK_COPY_MIN = 24;

/** String tensors: the same 2-D copy on the backend's per-element byte arrays. */
function concatStrings(backend: BackendWasm, inputs: TensorInfo[], axis: number, outShape: number[]): TensorInfo {
  const out = backend.makeOutput(outShape, 'string');
  const outer = util.sizeFromShape(outShape.slice(0, axis));
  const total = util.sizeFromShape(outShape.slice(axis));
  const dst = new Array<Uint8Array>(outer * total);
  let col = 0;
  for (const t of inputs) {
    const src = backend.dataIdMap.get(t.dataId).stringBytes ?? [];
    const inner = util.sizeFromShape(t.shape.slice(axis));
    for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) dst[o * total + col + j] = src[o * inner + j];
    col += inner;
  }
  backend.dataIdMap.get(out.dataId).stringBytes = dst;
  return out;
}

export function concatInfo(backend: BackendWasm, inputs: TensorInfo[], axis: number): TensorInfo {
  const $axis = util.parseAxisParam(axis, inputs[0].shape)[0];
  backend_util.assertParamsConsistent(inputs.map((t) => t.shape), $axis);
  const outShape = backend_util.computeOutShape(inputs.map((t) => t.shape), $axis);
  if (inputs[0].dtype === 'string') return concatStrings(backend, inputs, $axis, outShape);
  const out = allocate(backend, outShape, inputs[0].dtype);
  const outer = util.sizeFromShape(outShape.slice(0, $axis));
  const total = util.sizeFromShape(outShape.slice($axis));
  const dst = view(backend, out);
  let col = 0;
  for (const t of inputs) {
    const inner = util.sizeFromShape(t.shape.slice($axis));
    if (inner === 0) continue;
    const src = view(backend, t);
    if (inner >= BLOCK_COPY_MIN || outer === 1) {
      for (let o = 0; o < outer; o++) dst.set(src.subarray(o * inner, (o + 1) * inner), o * total + col);
    } else {
      for (let o = 0, s = 0, d = col; o < outer; o++, d += total - inner) {
        for (let j = 0; j < inner; j++) dst[d++] = src[s++];
      }
    }
    col += inner;
  }
  return out;
}

export const concatKernel = defineWasmKernel({
  name: Concat,
  reason: 'stock Concat makes one subarray copy per row and input: slow for short rows',
  inputs: (m) => inputList(m, Concat),
  attrs: (m) => ({ axis: numberAttr(m, 'axis', Concat) }),
  run: (inputs, { axis }, backend) => concatInfo(backend, inputs, axis),
});
