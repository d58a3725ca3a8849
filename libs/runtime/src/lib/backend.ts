// Backend selection. Every tfjs backend package is imported here and nowhere else, so that code
// elsewhere never assumes a backend (docs/architecture.md, Backends). `auto` prefers native
// TensorFlow, then wasm with our replacement kernels, then the plain-JS cpu backend.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { tf } from './tf';
import { firstLine } from './error-text';
import { nativeInfo, type NativeInfo } from './native/settings';
import { registerWasmKernels, WASM_KERNELS } from './wasm/register-all';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

/** One backend tried by initBackend; `packageName` tells the two native packages apart. */
export interface BackendAttempt {
  name: BackendName;
  packageName: string;
  ok: boolean;
  reason?: string;
}

export interface BackendInfo {
  requested: BackendChoice;
  name: BackendName;
  packageName: string;
  version: string;
  threads: number;
  /** Kernels we registered over the stock ones (wasm only). */
  replacementKernels: string[];
  /**
   * The native kernel layer under wasm (read when asked: the pipeline configures it after
   * initBackend), with the kernels that have a native variant; undefined on other backends.
   */
  native?: NativeInfo & { kernels: string[] };
  tried: BackendAttempt[];
}

const CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];
// GPU first: it also runs on CPU when no CUDA device is present.
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';
const CPU_PACKAGE = '@tensorflow/tfjs-backend-cpu';

/** undefined -> env LDDM_BACKEND -> 'auto'. Throws on an unknown name. */
export function parseBackendChoice(value: string | undefined): BackendChoice {
  const fromEnv = value === undefined;
  const raw = (fromEnv ? process.env['LDDM_BACKEND'] : value)?.trim();
  if (raw === undefined || raw === '') return 'auto';
  const choice = CHOICES.find((c) => c === raw);
  if (choice === undefined) {
    const source = fromEnv ? ' (from LDDM_BACKEND)' : '';
    throw new Error(`Unknown backend "${raw}"${source}; expected one of: ${CHOICES.join(', ')}`);
  }
  return choice;
}

type Loaded = Omit<BackendInfo, 'requested' | 'tried'>;
type Outcome = { ok: true; loaded: Loaded } | { ok: false; attempt: BackendAttempt };

let current: { choice: BackendChoice; info: Promise<BackendInfo> } | undefined;
let settled: BackendInfo | undefined;
let wasmReplacements: string[] | undefined;

/**
 * Selects and initialises a backend. Idempotent for the same choice (concurrent callers share one
 * initialisation); a different choice switches backend. On failure the previous backend stays.
 */
export function initBackend(choice: BackendChoice = parseBackendChoice(undefined)): Promise<BackendInfo> {
  if (current?.choice === choice) return current.info;
  const previous = current;
  const info = select(choice).then(
    (result) => {
      settled = result;
      return result;
    },
    async (error: unknown) => {
      if (current?.info === info) current = previous;
      // A backend that initialised but then failed (e.g. its kernels) may have become current.
      if (settled !== undefined && tf.getBackend() !== settled.name) await tf.setBackend(settled.name);
      throw error;
    },
  );
  current = { choice, info };
  return info;
}

/** The backend chosen by the last successful initBackend, with the native layer's state now. */
export function backendInfo(): BackendInfo {
  if (settled === undefined) {
    throw new Error('backendInfo(): no backend initialised yet; await initBackend() first');
  }
  if (settled.name !== 'wasm') return settled;
  return { ...settled, native: { ...nativeInfo(), kernels: WASM_KERNELS.filter((k) => k.native).map((k) => k.name) } };
}

/**
 * One line for logs and run records: "onnxruntime-node 1.31.1, 2 threads; oneDNN 2.6.3 (avx512_core)
 * for convolutions" (or why oneDNN is not used, in mode auto), or "none (why)".
 */
export function describeNative(info: BackendInfo): string {
  const n = info.native;
  if (n === undefined) return 'none (not the wasm backend)';
  if (n.provider === 'none') return `none (${n.reason ?? 'unavailable'})`;
  const d = n.mode === 'auto' ? n.onednn : undefined;
  const dnnl = d === undefined ? '' : 'version' in d ? `; oneDNN ${d.version} (${d.isa}) for convolutions` : `; oneDNN not used (${d.reason})`;
  return `${n.provider} ${n.version ?? ''}, ${n.threads} thread${n.threads === 1 ? '' : 's'}${dnnl}`;
}

async function select(requested: BackendChoice): Promise<BackendInfo> {
  const order: Array<() => Promise<Outcome>> = [];
  if (requested === 'auto' || requested === 'tensorflow') order.push(...NATIVE_PACKAGES.map((p) => () => loadNative(p)));
  if (requested === 'auto' || requested === 'wasm') order.push(loadWasm);
  if (requested === 'auto' || requested === 'cpu') order.push(loadCpu);

  const tried: BackendAttempt[] = [];
  for (const load of order) {
    const outcome = await load();
    if (outcome.ok) {
      const { name, packageName } = outcome.loaded;
      tried.push({ name, packageName, ok: true });
      return { requested, ...outcome.loaded, tried };
    }
    tried.push(outcome.attempt);
  }
  const reasons = tried.map((t) => `${t.packageName}: ${t.reason}`).join('; ');
  const hint = requested === 'tensorflow' ? '; install @tensorflow/tfjs-node(-gpu) or choose wasm or cpu' : '';
  throw new Error(`Backend '${requested}' is unavailable (${reasons})${hint}`);
}

async function loadNative(packageName: (typeof NATIVE_PACKAGES)[number]): Promise<Outcome> {
  const fail = (reason: string): Outcome => ({ ok: false, attempt: { name: 'tensorflow', packageName, ok: false, reason } });
  try {
    // A variable specifier keeps bundlers and tsc from requiring the optional package.
    const specifier: string = packageName;
    await import(specifier);
  } catch (error) {
    return fail(isModuleNotFound(error, packageName) ? 'not installed' : firstLine(error));
  }
  // tfjs-node registers 'tensorflow' with the tfjs-core it resolves; a nested copy would not be ours.
  if (tf.findBackendFactory('tensorflow') == null) {
    return fail('loaded, but registered with another copy of @tensorflow/tfjs-core (version mismatch?)');
  }
  const ready = await activate('tensorflow');
  if (ready !== true) return fail(ready);
  return {
    ok: true,
    loaded: {
      name: 'tensorflow',
      packageName,
      version: packageVersion(packageName),
      threads: nativeIntraOpThreads(),
      replacementKernels: [],
    },
  };
}

async function loadWasm(): Promise<Outcome> {
  const fail = (reason: string): Outcome => ({ ok: false, attempt: { name: 'wasm', packageName: WASM_PACKAGE, ok: false, reason } });
  let version: string;
  try {
    ({ version_wasm: version } = await import('@tensorflow/tfjs-backend-wasm'));
  } catch (error) {
    return fail(firstLine(error));
  }
  const ready = await activate('wasm');
  if (ready !== true) return fail(ready);
  try {
    // Stock wasm kernels include wrong gradients (RUNTIME.md); never run wasm without ours.
    wasmReplacements ??= registerWasmKernels();
  } catch (error) {
    return fail(`registering replacement kernels failed: ${firstLine(error)}`);
  }
  return {
    ok: true,
    loaded: {
      name: 'wasm',
      packageName: WASM_PACKAGE,
      version,
      // The Node bundle of tfjs-backend-wasm is built without pthreads, so it runs on one thread
      // whatever setThreadsCount says. Parallelism comes from running several worker processes.
      threads: 1,
      replacementKernels: [...wasmReplacements],
    },
  };
}

async function loadCpu(): Promise<Outcome> {
  const fail = (reason: string): Outcome => ({ ok: false, attempt: { name: 'cpu', packageName: CPU_PACKAGE, ok: false, reason } });
  let version: string;
  try {
    ({ version_cpu: version } = await import('@tensorflow/tfjs-backend-cpu'));
  } catch (error) {
    return fail(firstLine(error));
  }
  const ready = await activate('cpu');
  if (ready !== true) return fail(ready);
  // On first use the cpu backend prints an advert for tfjs-node; here cpu was chosen (or fallen
  // back to) deliberately and is recorded in BackendInfo, so the advert is only noise.
  const backend = tf.findBackend('cpu');
  if (backend !== null && 'firstUse' in backend) Reflect.set(backend, 'firstUse', false);
  // Plain JavaScript on the main thread.
  return { ok: true, loaded: { name: 'cpu', packageName: CPU_PACKAGE, version, threads: 1, replacementKernels: [] } };
}

/** true, or the reason the backend could not be made current. */
async function activate(name: BackendName): Promise<true | string> {
  try {
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') failed to initialise`;
    await tf.ready();
    return tf.getBackend() === name ? true : `tf.getBackend() is '${tf.getBackend()}' after setBackend('${name}')`;
  } catch (error) {
    return firstLine(error);
  }
}

// tfjs-node has no API to read TensorFlow's intra-op pool size; TensorFlow sizes it from
// TF_NUM_INTRAOP_THREADS, else from the number of schedulable cores.
function nativeIntraOpThreads(): number {
  const configured = Number(process.env['TF_NUM_INTRAOP_THREADS']);
  return Number.isInteger(configured) && configured > 0 ? configured : availableParallelism();
}

function packageVersion(packageName: string): string {
  const manifest: unknown = createRequire(import.meta.url)(`${packageName}/package.json`);
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}

function isModuleNotFound(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? error.code : undefined;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && error.message.includes(packageName);
}
