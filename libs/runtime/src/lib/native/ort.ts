// onnxruntime-node as a synchronous kernel engine. tfjs kernels are synchronous, and so is the
// native binding underneath onnxruntime-node: its public `InferenceSession.run` only wraps the
// binding's `run` in a Promise (setImmediate), and `loadModel` completes before it returns for a
// session without callbacks. So the kernels talk to the binding directly, with inputs that are
// views of the wasm heap and outputs preallocated there (zero copies either way).
// The package ships its CPU library (MLAS kernels); `onnxruntime-node-install=skip` in .npmrc
// keeps its postinstall from downloading anything else.
import { createRequire } from 'node:module';

interface OrtTensor {
  readonly data: unknown;
}
type TensorCtor = new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;

interface BindingSession {
  loadModel(buffer: ArrayBuffer, byteOffset: number, byteLength: number, options: object): Promise<void> | void;
  readonly inputMetadata: { name: string }[];
  run(feeds: Record<string, OrtTensor>, fetches: Record<string, OrtTensor>, options: object): unknown;
  dispose(): void;
}

interface Loaded {
  version: string;
  Tensor: TensorCtor;
  newSession: () => BindingSession;
}

export const ORT_PACKAGE = 'onnxruntime-node';

let loaded: Loaded | undefined;
let loadError: string | undefined;

/** The binding, or undefined with `ortUnavailableReason()` saying why. Loaded once. */
export function ort(): Loaded | undefined {
  if (loaded !== undefined || loadError !== undefined) return loaded;
  try {
    const require = createRequire(import.meta.url);
    const pkg: { version: string } = require(`${ORT_PACKAGE}/package.json`);
    const api: { Tensor: TensorCtor } = require(ORT_PACKAGE);
    const internal: { binding: { InferenceSession: new () => BindingSession }; initOrt: () => void } = require(
      `${ORT_PACKAGE}/dist/binding`,
    );
    internal.initOrt();
    loaded = { version: pkg.version, Tensor: api.Tensor, newSession: () => new internal.binding.InferenceSession() };
  } catch (error) {
    loadError = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  return loaded;
}

export function ortUnavailableReason(): string | undefined {
  ort();
  return loadError;
}

/** One compiled graph with its input and output names. */
export interface Session {
  run(inputs: Float32Array[], outputs: Float32Array[]): void;
  dispose(): void;
}

/**
 * Compiles `model` into a session that runs on `threads` intra-op threads. Throws if the model is
 * rejected or does not load synchronously (a binding that changed behaviour).
 */
export function createSession(
  model: Uint8Array, inputs: { name: string; shape: number[] }[], outputs: { name: string; shape: number[] }[],
  threads: number,
): Session {
  const o = ort();
  if (o === undefined) throw new Error(`${ORT_PACKAGE} is unavailable: ${loadError}`);
  const session = o.newSession();
  const pending = session.loadModel(model.buffer as ArrayBuffer, model.byteOffset, model.byteLength, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // One arena per session would keep every kernel's peak scratch memory for the process'
    // lifetime; plain malloc returns it.
    enableCpuMemArena: false,
    // Idle pool threads must sleep, not spin: between native kernels this process runs wasm and
    // JS on the same cores (measured: spinning made a 2-thread smoke Table 1 run 3x slower).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  // A model the runtime rejects fails below, with the metadata check; keep its promise quiet.
  if (pending instanceof Promise) pending.catch((e: unknown) => { if (process.env.LDDM_NATIVE_DEBUG) console.error("loadModel:", e); });
  if (session.inputMetadata.length !== inputs.length) {
    session.dispose();
    throw new Error(`${ORT_PACKAGE}: the session did not load synchronously (binding ${o.version})`);
  }
  const Tensor = o.Tensor;
  return {
    run(inputViews, outputViews) {
      const feeds: Record<string, OrtTensor> = {};
      inputs.forEach((spec, i) => (feeds[spec.name] = new Tensor('float32', inputViews[i], spec.shape)));
      const fetches: Record<string, OrtTensor> = {};
      outputs.forEach((spec, i) => (fetches[spec.name] = new Tensor('float32', outputViews[i], spec.shape)));
      session.run(feeds, fetches, {});
    },
    dispose: () => session.dispose(),
  };
}
