// Gradient of nearest-neighbour resizing (NHWC): the stock wasm kernel searches a window of dy
// for every input position, one channel at a time (14 ms of a 110 ms TDN step for 8 upsamplings).
// Here each output position adds its gradient to the input position it was copied from, in the
// SIMD module (assembly/resize-nearest-grad.ts), with the source rows and columns computed once
// by the rule the cpu backend's gradient uses: min(in - 1, alignCorners ? round(o * s) : floor(o * s)),
// s = (in - a) / (out - a), a = 1 with alignCorners (and out > 1), else 0. Half-pixel centres
// take the stock kernel.
import { ResizeNearestNeighborGrad, type TensorInfo } from '@tensorflow/tfjs-core';
import { booleanAttr } from './attrs';
import { allocate } from './heap';
import { defineWasmKernel, input } from './kernel';
import { address, heapBuffer, simdKernels, withScratch } from './simd';
import { runStock1 } from './stock';

const op = ResizeNearestNeighborGrad;

/** For each output index along an axis, the input index it copies. */
export function nearestSourceMap(inSize: number, outSize: number, alignCorners: boolean): Int32Array {
  const a = alignCorners && outSize > 1 ? 1 : 0;
  const scale = (inSize - a) / (outSize - a);
  return Int32Array.from({ length: outSize }, (_, o) => Math.min(inSize - 1, alignCorners ? Math.round(o * scale) : Math.floor(o * scale)));
}

export const resizeNearestNeighborGradKernel = defineWasmKernel({
  name: op,
  reason: 'stock ResizeNearestNeighborGrad searches a window of dy per input element, one channel at a time',
  inputs: (m) => ({ images: input(m, 'images', op), dy: input(m, 'dy', op) }),
  attrs: (m, raw = m) => ({ raw, alignCorners: booleanAttr(m, 'alignCorners', op, false), halfPixelCenters: booleanAttr(m, 'halfPixelCenters', op, false) }),
  run: ({ images, dy }, a, backend): TensorInfo => {
    if (a.halfPixelCenters || images.shape.length !== 4 || dy.dtype !== 'float32') return runStock1(op, backend, { images, dy }, a.raw);
    const [batch, inH, inW, c] = images.shape;
    const [, outH, outW] = dy.shape;
    const dx = allocate(backend, images.shape, 'float32');
    const rows = nearestSourceMap(inH, outH, a.alignCorners);
    const cols = nearestSourceMap(inW, outW, a.alignCorners);
    withScratch(backend, (outH + outW) * 4, (at) => {
      const heap = heapBuffer(backend);
      new Int32Array(heap, at, outH).set(rows);
      new Int32Array(heap, at + outH * 4, outW).set(cols);
      simdKernels(backend).resizeNearestGrad(address(backend, dy), address(backend, dx), batch, inH, inW, outH, outW, c, at, at + outH * 4);
    });
    return dx;
  },
});
