// One benchmark measurement in its own process: `worker.ts <backend> <workload> <repeats>`.
// Prints JSON lines (types.ts WorkerMessage): the backend header, a correctness check against
// cpu, the warm-up time, then each timed repetition as it finishes, so that the parent can stop
// the process at its time budget and still use what was measured.
import { setupBackend, isBenchBackend } from './setup-backend';
import type { WorkerMessage } from './types';
import { WORKLOADS } from './workloads';

function emit(m: WorkerMessage): void {
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}

async function main(): Promise<void> {
  const [backend, id, repeatsArg] = process.argv.slice(2);
  const workload = WORKLOADS.find((w) => w.id === id);
  if (backend == null || !isBenchBackend(backend) || workload == null) {
    throw new Error(`usage: worker.ts <cpu|wasm-stock|wasm> <${WORKLOADS.map((w) => w.id).join('|')}> <repeats>`);
  }
  const repeats = Number(repeatsArg ?? 3);
  emit({ type: 'header', header: await setupBackend(backend) });
  if (workload.check != null && backend !== 'cpu') emit({ type: 'check', error: await workload.check() });
  const prepared = workload.prepare();
  for (let i = 0; i <= repeats; i++) {
    const start = performance.now();
    prepared.run();
    emit({ type: 'time', warmup: i === 0, ms: performance.now() - start });
  }
  prepared.dispose();
}

main().catch((e: unknown) => {
  emit({ type: 'error', message: firstLine(e) });
  process.exitCode = 1;
});
