// A replacement kernel for the tfjs wasm backend, declared once with typed inputs and attributes.
// tfjs hands every kernel untyped maps (NamedTensorInfoMap, NamedAttrMap); each kernel here
// parses them with checks that name the op, so the implementation below is typed end to end
// and the registry needs no casts.
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
// Type-only: the wasm package registers its backend on import, which backend.ts does on demand.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { nativeEnabled, noteNativeFailure } from '../native/settings';

export interface WasmKernelSpec<In, At> {
  /** The tfjs kernel name, e.g. 'Conv2DBackpropFilter'. */
  readonly name: string;
  /** Why the stock wasm kernel is replaced (or added). */
  readonly reason: string;
  readonly inputs: (map: NamedTensorInfoMap) => In;
  readonly attrs: (map: NamedAttrMap) => At;
  readonly run: (inputs: In, attrs: At, backend: BackendWasm) => TensorInfo | TensorInfo[];
  /**
   * The native-layer variant (libs/runtime/src/lib/native), tried first while that layer is
   * enabled; it returns undefined for the cases it declines, which then take `run`.
   */
  readonly native?: (inputs: In, attrs: At, backend: BackendWasm) => TensorInfo | undefined;
}

/** A kernel spec with its types erased behind a tfjs KernelConfig (what the registry holds). */
export interface WasmKernel {
  readonly name: string;
  readonly reason: string;
  /** Whether a native-layer variant exists. */
  readonly native: boolean;
  readonly config: KernelConfig;
}

export function defineWasmKernel<In, At>(spec: WasmKernelSpec<In, At>): WasmKernel {
  return {
    name: spec.name,
    reason: spec.reason,
    native: spec.native !== undefined,
    config: {
      kernelName: spec.name,
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const wasm = asWasmBackend(backend, spec.name);
        const parsed = spec.inputs(inputs);
        const parsedAttrs = spec.attrs(attrs ?? {});
        if (spec.native !== undefined && nativeEnabled()) {
          try {
            const out = spec.native(parsed, parsedAttrs, wasm);
            if (out !== undefined) return out;
          } catch (error) {
            // A native failure must not stop a training run: warn, record, take the wasm kernel.
            noteNativeFailure(spec.name, error);
          }
        }
        return spec.run(parsed, parsedAttrs, wasm);
      },
    },
  };
}

function isWasmBackend(backend: object): backend is BackendWasm {
  return 'wasm' in backend && 'dataIdMap' in backend && 'typedArrayFromHeap' in backend && 'makeOutput' in backend;
}

export function asWasmBackend(backend: object, op: string): BackendWasm {
  if (!isWasmBackend(backend)) {
    throw new Error(`${op}: the wasm replacement kernel was called with a backend that is not BackendWasm`);
  }
  return backend;
}

/** The named input of a kernel, or an error naming the op. */
export function input(map: NamedTensorInfoMap, name: string, op: string): TensorInfo {
  const t = map[name];
  if (t == null) throw new Error(`${op}: missing input '${name}'`);
  return t;
}

/** All inputs of a variadic kernel (Concat, AddN), in order. */
export function inputList(map: NamedTensorInfoMap, op: string): TensorInfo[] {
  const list = Object.values(map).filter((t): t is TensorInfo => t != null);
  if (list.length === 0) throw new Error(`${op}: expected at least one input`);
  return list;
}
