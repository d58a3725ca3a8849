// Whether the native kernel layer is used, on how many threads, and which kernels it has run.
// The profile decides (runtime.native, runtime.threads; applied by the pipeline through
// configureNative); LDDM_NATIVE=off and LDDM_THREADS=N override it for a process (tests,
// benchmarks), as LDDM_BACKEND overrides runtime.backend.
import { availableParallelism } from 'node:os';
import { ort, ORT_PACKAGE, ortUnavailableReason } from './ort';

let enabledOverride: boolean | undefined;
let threadsOverride: number | undefined;
const ran = new Map<string, number>();

export type NativeMode = 'onnxruntime' | 'off';

/** LDDM_NATIVE: unset/'onnxruntime'/'on' -> onnxruntime; 'off' -> none. Throws on anything else. */
export function parseNativeMode(raw = process.env['LDDM_NATIVE']): NativeMode {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'on' || v === 'onnxruntime') return 'onnxruntime';
  if (v === 'off') return 'off';
  throw new Error(`LDDM_NATIVE="${raw}": expected 'onnxruntime' (default) or 'off'`);
}

/** Threads per process for native kernels: LDDM_THREADS, else `fallback`. Throws on a bad value. */
export function parseThreads(raw = process.env['LDDM_THREADS'], fallback = 1): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`LDDM_THREADS="${raw}": expected an integer from 1 to 256`);
  return n;
}

function wanted(): boolean {
  const env = process.env['LDDM_NATIVE'];
  if (env !== undefined && env.trim() !== '') return parseNativeMode(env) === 'onnxruntime';
  return enabledOverride ?? true;
}

/** True when native kernels should be tried (enabled and the package loads). */
export function nativeEnabled(): boolean {
  return wanted() && ort() !== undefined;
}

export function nativeThreads(): number {
  return parseThreads(undefined, threadsOverride ?? 1);
}

/**
 * Sets the layer on/off and its threads per process (undefined: on, 1 thread). The environment
 * (LDDM_NATIVE, LDDM_THREADS) still wins, so a benchmark or test can pin a process.
 */
export function configureNative(options: { enabled?: boolean; threads?: number }): void {
  enabledOverride = options.enabled;
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
export function noteNativeFailure(op: string, error: unknown): void {
  const key = `${op}!failed`;
  ran.set(key, (ran.get(key) ?? 0) + 1);
  if (failed.has(op)) return;
  failed.add(op);
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.warn(`warning: native ${op} failed (${message}); running the wasm kernel instead`);
}

/** Forgets which kernels ran natively (tests). */
export function resetNativeRuns(): void {
  ran.clear();
}

/** Kernel names that have run natively in this process so far. */
export function nativeKernelsRan(): string[] {
  return [...ran.keys()].sort();
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
  version?: string;
  threads: number;
  /** Why the layer is not in use (disabled, or the package failed to load). */
  reason?: string;
}

export function nativeInfo(): NativeInfo {
  const threads = nativeThreads();
  if (!wanted()) return { provider: 'none', threads, reason: 'disabled: runtime.native or LDDM_NATIVE is off' };
  const o = ort();
  if (o === undefined) return { provider: 'none', threads, reason: `${ORT_PACKAGE} failed to load: ${ortUnavailableReason()}` };
  return { provider: ORT_PACKAGE, version: o.version, threads };
}
