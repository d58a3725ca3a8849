// BatchMatMul on XNNPACK for every case. The stock kernel uses XNNPACK only for one batch
// without transposes (else a scalar loop, ~0.4 GFLOP/s), and XNNPACK's packed weights are
// cached in C++ under the key (id of b, bias id, activation), which has no shape in it: the
// same b reshaped to another [K, N] (or seen before by _FusedMatMul) silently reuses stale
// packed weights. Here transposes are explicit, batches run one XNNPACK call each on heap
// aliases, and b is passed under its own id only while it is used as the [K, N] it was first
// packed as; any other view of b goes under a fresh alias id, released right after the call
// (which deletes the operator cached for it). The packed weights of b are freed by C++ when b is
// disposed. Only the replacements call the C++ BatchMatMul (_FusedMatMul is replaced too), so
// the record below sees every use of the cache.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { BatchMatMul, broadcast_util, util, type TensorInfo } from '@tensorflow/tfjs-core';
import { booleanAttr } from './attrs';
import { alias, allocate, dispose, releaseAlias, viewF32, wasmId } from './heap';
import { transpose } from './info-ops';
import { defineWasmKernel, input } from './kernel';
import { nativeMatMul } from '../native/mat-mul';

type XnnMatMul = (
  aId: number, aShape: Uint8Array, aRank: number,
  bId: number, bShape: Uint8Array, bRank: number,
  transposeA: number, transposeB: number, outId: number,
) => void;

const bound = new WeakMap<BackendWasm, XnnMatMul>();

/** The Emscripten module's cwrap (its type lives in @types/emscripten, not loaded here). */
interface WithCwrap {
  cwrap(ident: string, returnType: null, argTypes: string[]): XnnMatMul;
}

function hasCwrap(module: object): module is WithCwrap {
  return 'cwrap' in module && typeof module.cwrap === 'function';
}

function xnnMatMul(backend: BackendWasm): XnnMatMul {
  let f = bound.get(backend);
  if (f == null) {
    const args = ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number'];
    if (!hasCwrap(backend.wasm)) throw new Error(`${BatchMatMul}: the wasm module has no cwrap`);
    bound.set(backend, (f = backend.wasm.cwrap(BatchMatMul, null, args)));
  }
  return f;
}

const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

/** The [K, N] under which each b (by data id) had its weights packed and cached in C++. */
const packedAs = new WeakMap<object, string>();

/** May b's own id be given to XNNPACK as a [k, n] matrix starting at `offset`? */
function ownIdIsSafe(b: TensorInfo, offset: number, k: number, n: number): boolean {
  if (offset !== 0 || k * n !== b.shape.reduce((p, d) => p * d, 1)) return false;
  const key = `${k}x${n}`;
  const packed = packedAs.get(b.dataId);
  if (packed == null) packedAs.set(b.dataId, key);
  return packed == null || packed === key;
}

/** out[M, N] = a[M, K] b[K, N] for heap blocks, on XNNPACK (see the header for b's id). */
export function multiplyBlock(
  backend: BackendWasm, a: TensorInfo, aOffset: number, b: TensorInfo, bOffset: number,
  out: TensorInfo, outOffset: number, m: number, k: number, n: number,
): void {
  const aView = alias(backend, a, aOffset, [1, m, k]);
  const bView = ownIdIsSafe(b, bOffset, k, n) ? null : alias(backend, b, bOffset, [1, k, n]);
  const outView = alias(backend, out, outOffset, [1, m, n]);
  xnnMatMul(backend)(
    wasmId(backend, aView), shapeBytes([1, m, k]), 3,
    wasmId(backend, bView ?? b), shapeBytes([1, k, n]), 3,
    0, 0, wasmId(backend, outView),
  );
  releaseAlias(backend, aView);
  if (bView != null) releaseAlias(backend, bView);
  releaseAlias(backend, outView);
}

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

/** Flat index into a right-aligned broadcast operand for each flat index of the output batch. */
function broadcastIndex(outBatch: number[], operandBatch: number[]): number[] {
  const total = util.sizeFromShape(outBatch);
  const offset = outBatch.length - operandBatch.length;
  const index: number[] = [];
  for (let i = 0; i < total; i++) {
    let rest = i;
    let flat = 0;
    let stride = 1;
    for (let d = outBatch.length - 1; d >= 0; d--) {
      const coord = rest % outBatch[d];
      rest = Math.floor(rest / outBatch[d]);
      const od = d - offset;
      if (od >= 0) {
        if (operandBatch[od] !== 1) flat += coord * stride;
        stride *= operandBatch[od];
      }
    }
    index.push(flat);
  }
  return index;
}

export function matMulInfo(
  backend: BackendWasm, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean,
): TensorInfo {
  const op = BatchMatMul;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    throw new Error(`${op}: only float32 is supported, got ${a.dtype} x ${b.dtype}`);
  }
  if (a.shape.length < 2 || b.shape.length < 2) {
    throw new Error(`${op}: operands must have rank >= 2, got [${a.shape}] and [${b.shape}]`);
  }
  const at = transposeA ? transpose(backend, a, swapLastTwo(a.shape.length)) : a;
  const bt = transposeB ? transpose(backend, b, swapLastTwo(b.shape.length)) : b;
  const [m, k] = at.shape.slice(-2);
  const [k2, n] = bt.shape.slice(-2);
  if (k !== k2) {
    throw new Error(
      `${op}: inner dimensions ${k} and ${k2} differ (shapes [${a.shape}] and [${b.shape}], ` +
        `transposeA=${transposeA}, transposeB=${transposeB})`,
    );
  }
  const aBatch = at.shape.slice(0, -2);
  const bBatch = bt.shape.slice(0, -2);
  const outBatch = broadcast_util.assertAndGetBroadcastShape(aBatch, bBatch);
  const out = allocate(backend, [...outBatch, m, n]);
  const batches = util.sizeFromShape(outBatch);
  if (m * n * batches > 0) {
    if (k === 0) {
      viewF32(backend, out, op).fill(0);
    } else if (util.sizeFromShape(bBatch) === 1) {
      // One weight matrix: fold a's batches into its rows, one call.
      multiplyBlock(backend, at, 0, bt, 0, out, 0, batches * m, k, n);
    } else {
      const ia = broadcastIndex(outBatch, aBatch);
      const ib = broadcastIndex(outBatch, bBatch);
      for (let i = 0; i < batches; i++) {
        multiplyBlock(backend, at, ia[i] * m * k, bt, ib[i] * k * n, out, i * m * n, m, k, n);
      }
    }
  }
  if (at !== a) dispose(backend, at);
  if (bt !== b) dispose(backend, bt);
  return out;
}

export const batchMatMulKernel = defineWasmKernel({
  name: BatchMatMul,
  reason:
    'stock BatchMatMul is a scalar loop unless batch 1 without transposes, and caches packed weights by tensor id (stale after a reshape)',
  inputs: (m) => ({ a: input(m, 'a', BatchMatMul), b: input(m, 'b', BatchMatMul) }),
  attrs: (m) => ({
    transposeA: booleanAttr(m, 'transposeA', BatchMatMul, false),
    transposeB: booleanAttr(m, 'transposeB', BatchMatMul, false),
  }),
  native: ({ a, b }, spec, backend) => nativeMatMul(backend, BatchMatMul, a, b, undefined, spec),
  run: ({ a, b }, { transposeA, transposeB }, backend) => matMulInfo(backend, a, b, transposeA, transposeB),
});
