// Shared shapes of the benchmark's parts.

/** A workload set up on the current backend. */
export interface Prepared {
  /** One timed repetition (synchronous: it reads a value back). */
  run(): void;
  dispose(): void;
}

/** One line of a worker's output (JSON), read by the parent. */
export type WorkerMessage =
  | { type: 'header'; header: import('./setup-backend').BackendHeader }
  | { type: 'check'; error: number }
  | { type: 'time'; warmup: boolean; ms: number }
  | { type: 'error'; message: string };
