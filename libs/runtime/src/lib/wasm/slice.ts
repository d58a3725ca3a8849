// Slice as a copy on the wasm heap. The stock kernel first copies the WHOLE input out of the
// heap into JS (readSync) for every slice; this reads the input in place.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Slice, slice_util, type TensorInfo } from '@tensorflow/tfjs-core';
import { numbersAttr } from './attrs';
import { allocate, view } from './heap';
import { defineWasmKernel, input } from './kernel';
import { runStock1 } from './stock';
import { copyBox } from './strided-copy';

/** x[begin : begin + size] (size entries of -1 mean "to the end"). */
export function sliceInfo(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const [b, s] = slice_util.parseSliceParams(x, begin, size);
  slice_util.assertParamsValid(x, b, s);
  const out = allocate(backend, s, x.dtype);
  copyBox(view(backend, x), view(backend, out), {
    size: s,
    srcShape: x.shape,
    srcBegin: b,
    dstShape: s,
    dstBegin: new Array<number>(s.length).fill(0),
  });
  return out;
}

export const sliceKernel = defineWasmKernel({
  name: Slice,
  reason: 'stock Slice copies the whole input from the heap into JS (readSync) on every call',
  inputs: (m) => ({ x: input(m, 'x', Slice) }),
  attrs: (m) => ({ begin: numbersAttr(m, 'begin', Slice), size: numbersAttr(m, 'size', Slice) }),
  run: ({ x }, { begin, size }, backend) =>
    x.dtype === 'string' ? runStock1(Slice, backend, { x }, { begin, size }) : sliceInfo(backend, x, begin, size),
});
