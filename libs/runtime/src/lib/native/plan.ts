// Compiled graphs ("plans") cached per kernel, shape and attributes, and the one way kernels run
// them: inputs are views of tensors on the wasm heap, outputs are allocated on the heap first
// and written in place by onnxruntime.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { allocate, viewF32 } from '../wasm/heap';
import { GraphBuilder } from './onnx-graph';
import { createSession, type Session } from './ort';
import { nativeThreads, noteNativeRun } from './settings';

export interface PlanSpec {
  /** Builds the graph; its inputs are named x0, x1, ... in the order of `inputShapes`. */
  build: (g: GraphBuilder, inputs: string[]) => string[];
  inputShapes: number[][];
  outputShapes: number[][];
}

// Enough for every layer shape of a paper-profile step in both directions; the oldest plan goes.
const MAX_PLANS = 512;
const plans = new Map<string, Session>();

function compile(key: string, spec: PlanSpec): Session {
  const cached = plans.get(key);
  if (cached !== undefined) {
    plans.delete(key); // re-insert: Map order is the eviction order
    plans.set(key, cached);
    return cached;
  }
  const g = new GraphBuilder();
  const inputs = spec.inputShapes.map((shape, i) => ({ name: `x${i}`, shape }));
  inputs.forEach((x) => g.input(x.name, x.shape));
  const outs = spec.build(g, inputs.map((x) => x.name));
  const outputs = spec.outputShapes.map((shape, i) => ({ name: `y${i}`, shape }));
  outs.forEach((o, i) => g.output(o, outputs[i].name, outputs[i].shape));
  const t0 = performance.now();
  const session = createSession(g.encode(), inputs, outputs, nativeThreads());
  if (process.env['LDDM_NATIVE_DEBUG']) console.error(`native plan ${key}: compiled in ${(performance.now() - t0).toFixed(1)} ms`);
  plans.set(key, session);
  if (plans.size > MAX_PLANS) {
    const [oldest, s] = plans.entries().next().value as [string, Session];
    plans.delete(oldest);
    s.dispose();
  }
  return session;
}

/**
 * Runs the plan `key` (compiled on first use) on float32 heap tensors and returns its outputs as
 * new heap tensors. `op` names the tfjs kernel for errors and for the record of native runs.
 */
export function runPlan(
  backend: BackendWasm, op: string, key: string, spec: PlanSpec, inputs: TensorInfo[],
): TensorInfo[] {
  const session = compile(`${op}|${nativeThreads()}|${key}`, spec);
  const outs = spec.outputShapes.map((shape) => allocate(backend, shape));
  // Views after allocating: allocation may grow (and so detach) the heap.
  try {
    session.run(
      inputs.map((t) => viewF32(backend, t, op)),
      outs.map((t) => viewF32(backend, t, op)),
    );
  } catch (error) {
    for (const t of outs) backend.disposeData(t.dataId);
    throw error;
  }
  noteNativeRun(op);
  return outs;
}

/** Disposes every cached plan (tests; a backend switch). */
export function clearPlans(): void {
  for (const s of plans.values()) s.dispose();
  plans.clear();
}

export function planCount(): number {
  return plans.size;
}
