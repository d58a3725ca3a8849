// Whether the native kernel layer is used, on how many threads, and which kernels it has run.
// The profile decides (runtime.native, runtime.threads; applied by the pipeline through
// configureNative); LDDM_NATIVE and LDDM_THREADS=N override it for a process (tests,
// benchmarks), as LDDM_BACKEND overrides runtime.backend.
// Modes: 'auto' = onnxruntime (npm) for every native kernel, with oneDNN (a system library,
// optional) taking the convolutions where it is installed; 'onnxruntime' = onnxruntime only;
// 'off' = every kernel in wasm.
import { availableParallelism } from 'node:os';
import { onednn, onednnUnavailableReason, ONEDNN_LIBRARY } from './onednn';
import { ort, ORT_PACKAGE, ortUnavailableReason } from './ort';

export const NATIVE_MODES = ['auto', 'onnxruntime', 'off'] as const;
export type NativeMode = (typeof NATIVE_MODES)[number];

let modeOverride: NativeMode | undefined;
let threadsOverride: number | undefined;
const ran = new Map<string, number>();

/** LDDM_NATIVE: unset/'on' -> auto; 'auto', 'onnxruntime', 'off' as named. Throws on anything else. */
export function parseNativeMode(raw = process.env['LDDM_NATIVE']): NativeMode {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'on') return 'auto';
  const mode = NATIVE_MODES.find((m) => m === v);
  if (mode === undefined) throw new Error(`LDDM_NATIVE="${raw}": expected one of ${NATIVE_MODES.join(', ')}`);
  return mode;
}

/** Threads per process for native kernels: LDDM_THREADS, else `fallback`. Throws on a bad value. */
export function parseThreads(raw = process.env['LDDM_THREADS'], fallback = 1): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`LDDM_THREADS="${raw}": expected an integer from 1 to 256`);
  return n;
}

/** The mode in force: LDDM_NATIVE, else configureNative's, else auto. */
export function nativeMode(): NativeMode {
  const env = process.env['LDDM_NATIVE'];
  if (env !== undefined && env.trim() !== '') return parseNativeMode(env);
  return modeOverride ?? 'auto';
}

/** True when native kernels should be tried (enabled and onnxruntime loads). */
export function nativeEnabled(): boolean {
  return nativeMode() !== 'off' && ort() !== undefined;
}

/** True when convolutions should go to oneDNN first (mode auto and the library loads). */
export function onednnEnabled(): boolean {
  return nativeMode() === 'auto' && onednn() !== undefined;
}

export function nativeThreads(): number {
  return parseThreads(undefined, threadsOverride ?? 1);
}

/**
 * Sets the layer's mode and its threads per process (undefined: auto, 1 thread). The environment
 * (LDDM_NATIVE, LDDM_THREADS) still wins, so a benchmark or test can pin a process.
 */
export function configureNative(options: { mode?: NativeMode; threads?: number }): void {
  modeOverride = options.mode;
  threadsOverride = options.threads;
}

export function noteNativeRun(op: string): void {
  ran.set(op, (ran.get(op) ?? 0) + 1);
}

const failed = new Set<string>();

/**
 * A native call that threw: the kernel falls back to wasm. Warned once per kernel on stderr and
 * counted as `<kernel>!failed` in nativeRunCounts (so runs record it in backend.nativeCalls).
 */
export function noteNativeFailure(op: string, error: unknown, instead = 'the wasm kernel'): void {
  const key = `${op}!failed`;
  ran.set(key, (ran.get(key) ?? 0) + 1);
  if (failed.has(op)) return;
  failed.add(op);
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.warn(`warning: native ${op} failed (${message}); running ${instead} instead`);
}

/** Forgets which kernels ran natively (tests). */
export function resetNativeRuns(): void {
  ran.clear();
}

/**
 * Kernel names that have run natively in this process so far, whichever library ran them
 * (calls on oneDNN are counted as `<kernel>@onednn`).
 */
export function nativeKernelsRan(): string[] {
  return [...new Set([...ran.keys()].filter((k) => !k.endsWith('!failed')).map((k) => k.replace(/@onednn$/, '')))].sort();
}

/** Native calls per kernel name so far in this process (diff two to attribute calls to a run). */
export function nativeRunCounts(): Record<string, number> {
  return Object.fromEntries([...ran.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Threads per process for `processes` processes running at once: a number is taken as is,
 * 'auto' shares the machine's cores (at least 1 each).
 */
export function resolveThreads(setting: 'auto' | number, processes: number, cores = availableParallelism()): number {
  if (setting !== 'auto') return setting;
  return Math.max(1, Math.floor(cores / Math.max(1, processes)));
}

export interface NativeInfo {
  /** 'onnxruntime-node' when the layer is in use, 'none' otherwise. */
  provider: typeof ORT_PACKAGE | 'none';
  mode: NativeMode;
  version?: string;
  threads: number;
  /** Why the layer is not in use (disabled, or the package failed to load). */
  reason?: string;
  /** The optional convolution path: in use (version, ISA), or why not. */
  onednn?: { library: string; version: string; isa: string } | { reason: string };
}

export function nativeInfo(): NativeInfo {
  const threads = nativeThreads();
  const mode = nativeMode();
  if (mode === 'off') return { provider: 'none', mode, threads, reason: 'disabled: runtime.native or LDDM_NATIVE is off' };
  const o = ort();
  if (o === undefined) return { provider: 'none', mode, threads, reason: `${ORT_PACKAGE} failed to load: ${ortUnavailableReason()}` };
  const d = mode === 'auto' ? onednn() : undefined;
  const dnnl =
    mode !== 'auto'
      ? { reason: `not used: runtime.native is ${mode}` }
      : d === undefined
        ? { reason: onednnUnavailableReason() ?? 'unavailable' }
        : { library: ONEDNN_LIBRARY, version: d.version, isa: d.isa };
  return { provider: ORT_PACKAGE, mode, version: o.version, threads, onednn: dnnl };
}
