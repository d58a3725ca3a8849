// Identity as a reference to the same heap block (as on the cpu backend), not a copy. tfjs emits
// one Identity per gradient pass-through and per clone; in an LDDM stage-1 step that was 2,149
// copies and ~5% of the step. tfjs never writes a block in place, so sharing is safe; the
// block is freed when its last reference is disposed.
import { Identity } from '@tensorflow/tfjs-core';
import { defineWasmKernel, input } from './kernel';
import { runStock1 } from './stock';

const op = Identity;

export const identityKernel = defineWasmKernel({
  name: op,
  reason: 'stock Identity copies the tensor; this shares its heap block (refcounted)',
  inputs: (m) => ({ x: input(m, 'x', op) }),
  attrs: () => ({}),
  run: ({ x }, _a, backend) => {
    if (x.dtype === 'string') return runStock1(op, backend, { x });
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
});
