// Whether the native kernel layer is used, on how many threads, and which kernels it has run.
// LDDM_NATIVE=off disables it (every kernel then runs its wasm implementation);
// LDDM_THREADS sets onnxruntime's intra-op threads per process (default 1: the grid and the
// generator stages run one worker process per core, see the experiments' worker choice).
import { ort, ORT_PACKAGE, ortUnavailableReason } from './ort';

let enabledOverride: boolean | undefined;
let threadsOverride: number | undefined;
const ran = new Set<string>();

export type NativeMode = 'onnxruntime' | 'off';

/** LDDM_NATIVE: unset/'onnxruntime'/'on' -> onnxruntime; 'off' -> none. Throws on anything else. */
export function parseNativeMode(raw = process.env['LDDM_NATIVE']): NativeMode {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'on' || v === 'onnxruntime') return 'onnxruntime';
  if (v === 'off') return 'off';
  throw new Error(`LDDM_NATIVE="${raw}": expected 'onnxruntime' (default) or 'off'`);
}

/** Threads per process for native kernels: LDDM_THREADS, else 1. Throws on a bad value. */
export function parseThreads(raw = process.env['LDDM_THREADS']): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`LDDM_THREADS="${raw}": expected an integer from 1 to 256`);
  return n;
}

/** True when native kernels should be tried (enabled and the package loads). */
export function nativeEnabled(): boolean {
  const wanted = enabledOverride ?? parseNativeMode() === 'onnxruntime';
  return wanted && ort() !== undefined;
}

export function nativeThreads(): number {
  return threadsOverride ?? parseThreads();
}

/** Test and benchmark hook: force the layer on/off and the thread count (undefined = env). */
export function configureNative(options: { enabled?: boolean; threads?: number }): void {
  enabledOverride = options.enabled;
  threadsOverride = options.threads;
}

export function noteNativeRun(op: string): void {
  ran.add(op);
}

/** Forgets which kernels ran natively (tests). */
export function resetNativeRuns(): void {
  ran.clear();
}

/** Kernel names that have run natively in this process so far. */
export function nativeKernelsRan(): string[] {
  return [...ran].sort();
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
  if (!(enabledOverride ?? parseNativeMode() === 'onnxruntime')) return { provider: 'none', threads, reason: 'disabled (LDDM_NATIVE=off)' };
  const o = ort();
  if (o === undefined) return { provider: 'none', threads, reason: `${ORT_PACKAGE} failed to load: ${ortUnavailableReason()}` };
  return { provider: ORT_PACKAGE, version: o.version, threads };
}
