// GatherV2 without batch dims as block copies: out[o, j, i] = x[o, indices[j], i] where every
// (o, j) pair is one contiguous run of the inner size, copied with TypedArray.set (memcpy).
// The stock kernel computes a flat index per element: selecting a classifier batch's frames
// (gatherFrames) took 10-40 ms of a TSM / TDN step. Other cases (batch dims, strings, an index
// out of range, which the stock kernel reports) take the stock kernel.
import { GatherV2, util } from '@tensorflow/tfjs-core';
import { allocate, view } from './heap';
import { defineWasmKernel, input } from './kernel';
import { runStock1 } from './stock';

const op = GatherV2;

export const gatherV2Kernel = defineWasmKernel({
  name: op,
  reason: 'stock GatherV2 computes an index per element; this copies contiguous blocks',
  inputs: (m) => ({ x: input(m, 'x', op), indices: input(m, 'indices', op) }),
  attrs: (m, raw = m) => ({
    raw,
    axis: typeof m['axis'] === 'number' ? m['axis'] : 0,
    batchDims: typeof m['batchDims'] === 'number' ? m['batchDims'] : 0,
  }),
  run: ({ x, indices }, a, backend) => {
    const stock = () => runStock1(op, backend, { x, indices }, a.raw);
    const axis = util.parseAxisParam(a.axis, x.shape)[0];
    if (a.batchDims !== 0 || x.dtype === 'string' || indices.dtype !== 'int32' || x.shape.length === 0) return stock();
    const idx = view(backend, indices);
    const dim = x.shape[axis];
    for (let j = 0; j < idx.length; j++) if (idx[j] < 0 || idx[j] >= dim) return stock();
    const outer = util.sizeFromShape(x.shape.slice(0, axis));
    const inner = util.sizeFromShape(x.shape.slice(axis + 1));
    const out = allocate(backend, [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype);
    // Views after allocating (allocation may grow the heap); the indices again too.
    const xs = view(backend, x);
    const ids = view(backend, indices);
    const ys = view(backend, out);
    let o = 0;
    for (let p = 0; p < outer; p++) {
      const base = p * dim * inner;
      for (let j = 0; j < ids.length; j++, o += inner) {
        const from = base + ids[j] * inner;
        ys.set(xs.subarray(from, from + inner), o);
      }
    }
    return out;
  },
});
