// SplitV as heap copies: each piece is one slice read in place (the stock kernel's slices each
// copy the whole input out of the heap first).
import { backend_util, SplitV, util } from '@tensorflow/tfjs-core';
import { numberAttr, numbersAttr } from './attrs';
import { defineWasmKernel, input } from './kernel';
import { runStock } from './stock';
import { sliceInfo } from './slice';

export const splitVKernel = defineWasmKernel({
  name: SplitV,
  reason: 'stock SplitV copies the whole input from the heap into JS once per output',
  inputs: (m) => ({ x: input(m, 'x', SplitV) }),
  attrs: (m) => {
    const v = m['numOrSizeSplits'];
    return {
      numOrSizeSplits: typeof v === 'number' ? v : numbersAttr(m, 'numOrSizeSplits', SplitV),
      axis: numberAttr(m, 'axis', SplitV),
    };
  },
  run: ({ x }, { numOrSizeSplits, axis }, backend) => {
    if (x.dtype === 'string') return runStock(SplitV, backend, { x }, { numOrSizeSplits, axis });
    const $axis = util.parseAxisParam(axis, x.shape)[0];
    const sizes = backend_util.prepareSplitSize(x, numOrSizeSplits, $axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = x.shape.slice();
      size[$axis] = s;
      const piece = sliceInfo(backend, x, begin, size);
      begin[$axis] += s;
      return piece;
    });
  },
});
