// Transpose with adjacent axes merged first. When the innermost axis moves, a tiled copy on the
// wasm heap: the output is written in order, with the output's and the input's innermost axes
// walked in square tiles so that reads and writes both stay in cache. The stock C++ kernel does
// not merge axes and writes with large strides (rank 5: ~80 ns per element, 20x slower); it is
// kept for the merged case where whole rows move, which it copies fast.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Transpose, util, type TensorInfo } from '@tensorflow/tfjs-core';
import { numbersAttr } from './attrs';
import { allocate, dispose, reshape, view, type HeapArray } from './heap';
import { defineWasmKernel, input } from './kernel';
import { address, simdKernels } from './simd';
import { runStock1 } from './stock';

const TILE = 32;

/** Drops size-1 axes and merges input axes that stay adjacent and in order in the output. */
export function simplify(shape: number[], perm: number[]): { shape: number[]; perm: number[] } {
  const kept = perm.filter((a) => shape[a] !== 1);
  // Runs of consecutive input axes in output order become one axis.
  const runs: number[][] = [];
  for (const a of kept) {
    const last = runs[runs.length - 1];
    if (last != null && last[last.length - 1] + 1 === a) last.push(a);
    else runs.push([a]);
  }
  const byInput = [...runs].sort((r, s) => r[0] - s[0]);
  const newShape = byInput.map((r) => r.reduce((p, a) => p * shape[a], 1));
  const newPerm = runs.map((r) => byInput.indexOf(r));
  return { shape: newShape, perm: newPerm };
}

function strides(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** The inner block (see below) in the SIMD module, for 4-byte elements: (inBase, outBase, sizeA, sizeB, inStrideA, outStrideB). */
type Block = (inBase: number, outBase: number, sizeA: number, sizeB: number, inStrideA: number, outStrideB: number) => void;

/** out = x transposed by perm, for a simplified (shape, perm) whose perm is not the identity. */
function transposeInto(xs: HeapArray, ys: HeapArray, shape: number[], perm: number[], block?: Block): void {
  const rank = shape.length;
  const inStrides = strides(shape);
  const outShape = perm.map((a) => shape[a]);
  const outStrides = strides(outShape);
  // Axis A: innermost in the output (input stride > 1). Axis B: innermost in the input.
  const axisA = perm[rank - 1];
  const posB = perm.indexOf(rank - 1); // position of input axis B in the output
  const contiguous = axisA === rank - 1; // both innermost: rows copy as they are
  const sizeA = shape[axisA];
  const sizeB = shape[rank - 1];
  const inStrideA = inStrides[axisA];
  const outStrideB = outStrides[posB];
  // Odometer over the other output positions.
  const others: number[] = [];
  for (let p = 0; p < rank; p++) if (p !== rank - 1 && (contiguous || p !== posB)) others.push(p);
  const idx = new Array<number>(others.length).fill(0);
  let inBase = 0;
  let outBase = 0;
  for (;;) {
    if (contiguous) {
      for (let b = 0; b < sizeB; b++) ys[outBase + b] = xs[inBase + b];
    } else if (block !== undefined) {
      block(inBase, outBase, sizeA, sizeB, inStrideA, outStrideB);
    } else {
      for (let a0 = 0; a0 < sizeA; a0 += TILE) {
        const a1 = Math.min(sizeA, a0 + TILE);
        for (let b0 = 0; b0 < sizeB; b0 += TILE) {
          const b1 = Math.min(sizeB, b0 + TILE);
          for (let b = b0; b < b1; b++) {
            const o = outBase + b * outStrideB;
            for (let a = a0, i = inBase + a0 * inStrideA + b; a < a1; a++, i += inStrideA) ys[o + a] = xs[i];
          }
        }
      }
    }
    let k = others.length - 1;
    while (k >= 0) {
      const p = others[k];
      idx[k]++;
      inBase += inStrides[perm[p]];
      outBase += outStrides[p];
      if (idx[k] < outShape[p]) break;
      inBase -= inStrides[perm[p]] * outShape[p];
      outBase -= outStrides[p] * outShape[p];
      idx[k] = 0;
      k--;
    }
    if (k < 0) return;
  }
}

export function transposeInfo(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  const outShape = perm.map((a) => x.shape[a]);
  const s = simplify(x.shape, perm);
  if (s.perm.every((a, i) => a === i)) {
    // A pure reshape: copy, since kernel outputs must not share the input's data here.
    const out = allocate(backend, outShape, x.dtype);
    view(backend, out).set(view(backend, x));
    return out;
  }
  if (s.perm[s.perm.length - 1] === s.perm.length - 1 && s.shape.length <= 4) {
    // Whole rows move: the stock kernel's row copies are faster, once axes are merged.
    const merged = reshape(backend, x, s.shape);
    const out = runStock1(Transpose, backend, { x: merged }, { perm: s.perm });
    dispose(backend, merged);
    return { dataId: out.dataId, shape: outShape, dtype: out.dtype };
  }
  const out = allocate(backend, outShape, x.dtype);
  const [inner, rank] = [s.shape[s.perm[s.perm.length - 1]] * s.shape[s.shape.length - 1], s.shape.length];
  // 4-byte elements in blocks big enough to pay for the call: the SIMD module (3-4x the JS tiles).
  const simd = util.bytesPerElement(x.dtype) === 4 && inner >= 256 && rank >= 2 ? simdKernels(backend) : undefined;
  const [xAt, yAt] = [address(backend, x), address(backend, out)];
  const block: Block | undefined = simd && ((i, o, a, b, sa, sb) => simd.transposeBlock(xAt, yAt, i, o, a, b, sa, sb));
  transposeInto(view(backend, x), view(backend, out), s.shape, s.perm, block);
  return out;
}

export const transposeKernel = defineWasmKernel({
  name: Transpose,
  reason: 'stock Transpose writes with large strides: ~10 ns per element on rank 4, far more on rank 5',
  inputs: (m) => ({ x: input(m, 'x', Transpose) }),
  attrs: (m) => ({ perm: numbersAttr(m, 'perm', Transpose) }),
  run: ({ x }, { perm }, backend) =>
    x.dtype === 'string' || x.dtype === 'complex64'
      ? runStock1(Transpose, backend, { x }, { perm })
      : transposeInfo(backend, x, perm),
});
