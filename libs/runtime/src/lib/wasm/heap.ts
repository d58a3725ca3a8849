// Direct access to tensors on the wasm heap. BackendWasm keeps each tensor as a block of its
// heap (dataIdMap: dataId -> {id, memoryOffset}) and registers the block under a numeric id
// with the C++ side. Here: typed views, sub-block aliases with fresh ids, and disposal.
// Views are invalidated when the heap grows (any malloc): take them after allocating outputs.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { util, type DataType, type TensorInfo } from '@tensorflow/tfjs-core';

export type HeapArray = Float32Array | Int32Array | Uint8Array;

/** A typed view of a tensor's data on the heap (no copy). */
export function view(backend: BackendWasm, t: TensorInfo): HeapArray {
  return backend.typedArrayFromHeap(t);
}

/** A float32 view; errors name the op when the tensor is not float32. */
export function viewF32(backend: BackendWasm, t: TensorInfo, op: string): Float32Array {
  const v = backend.typedArrayFromHeap(t);
  if (!(v instanceof Float32Array)) throw new Error(`${op}: expected a float32 tensor, got ${t.dtype}`);
  return v;
}

export function allocate(backend: BackendWasm, shape: number[], dtype: DataType = 'float32'): TensorInfo {
  return backend.makeOutput(shape, dtype);
}

/** The C++ id under which a tensor's block is registered. */
export function wasmId(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).id;
}

/**
 * A tensor of `shape` that aliases `t`'s memory from element `elementOffset`, registered under a
 * fresh C++ id (so no C++ operator cache keyed by id can confuse it with `t`). Release it with
 * `releaseAlias`, never with disposeData (which would free `t`'s memory).
 */
export function alias(backend: BackendWasm, t: TensorInfo, elementOffset: number, shape: number[]): TensorInfo {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  const bytes = util.bytesPerElement(t.dtype);
  return backend.makeOutput(shape, t.dtype, memoryOffset + elementOffset * bytes);
}

export function releaseAlias(backend: BackendWasm, a: TensorInfo): void {
  const data = backend.dataIdMap.get(a.dataId);
  if (data == null) return;
  // Unregisters the id in C++ (running its disposal callbacks, e.g. cached XNNPACK operators)
  // without freeing the memory, which belongs to the aliased tensor.
  backend.wasm.tfjs.disposeData(data.id);
  backend.dataIdMap.delete(a.dataId);
}

/** A reshape sharing the data (refcounted like the stock Reshape kernel). Dispose it normally. */
export function reshape(backend: BackendWasm, t: TensorInfo, shape: number[]): TensorInfo {
  const size = util.sizeFromShape(shape);
  if (size !== util.sizeFromShape(t.shape)) {
    throw new Error(`reshape: cannot view [${t.shape}] as [${shape}]`);
  }
  backend.incRef(t.dataId);
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

export function dispose(backend: BackendWasm, ...ts: TensorInfo[]): void {
  for (const t of ts) backend.disposeData(t.dataId);
}
