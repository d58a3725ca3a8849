// Kernel benchmark (not a test): GFLOP/s of conv2d, conv3d and matmul, forward and
// forward + backward (counted as 3x the forward FLOPs), and ms per step of a C3D-like training
// step, on the cpu backend, stock wasm and wasm with the replacement kernels.
//
//   npx tsx tools/bench/kernels.ts [--backends cpu,wasm-stock,wasm] [--workloads id,..] [--repeats N] [--budget S]
//
// Every (backend, workload) pair runs in its own process (worker.ts): stock kernels cannot be
// restored in a process once replaced, and a process can be stopped at its time budget even
// inside a synchronous kernel. Each op measurement has a time budget (--budget, default 30 s;
// the training step 2.5x that): one that does not finish its warm-up run within it prints
// "skipped (>budget)", one that finishes only the warm-up reports that single run. Each
// measurement also checks the op on small shapes against cpu and marks wrong results WRONG.
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKENDS, isBenchBackend, type BackendHeader, type BenchBackend } from './setup-backend';
import { formatTable, median } from './table';
import type { WorkerMessage } from './types';
import { WORKLOADS, type Workload } from './workloads';

interface Options {
  backends: BenchBackend[];
  workloads: readonly Workload[];
  repeats: number;
  /** Time budget of one op measurement; the training step gets STEP_BUDGET_FACTOR times it. */
  budgetS: number;
}

const STEP_BUDGET_FACTOR = 2.5;

const budgetOf = (w: Workload, opts: Options) => (w.pass === 'step' ? STEP_BUDGET_FACTOR : 1) * opts.budgetS;

function parseArgs(argv: string[]): Options {
  const opts: Options = { backends: [...BACKENDS], workloads: WORKLOADS, repeats: 3, budgetS: 30 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--backends') {
      const names = value().split(',').map((s) => s.trim());
      const unknown = names.filter((n) => !isBenchBackend(n));
      if (unknown.length > 0) throw new Error(`unknown backend(s) ${unknown.join(', ')}; expected ${BACKENDS.join(', ')}`);
      opts.backends = names.filter(isBenchBackend);
    } else if (flag === '--workloads') {
      const ids = value().split(',').map((s) => s.trim());
      const unknown = ids.filter((id) => !WORKLOADS.some((w) => w.id === id));
      if (unknown.length > 0) throw new Error(`unknown workload(s) ${unknown.join(', ')}; expected ${WORKLOADS.map((w) => w.id).join(', ')}`);
      opts.workloads = WORKLOADS.filter((w) => ids.includes(w.id));
    } else if (flag === '--repeats') {
      opts.repeats = Math.max(1, Number(value()));
    } else if (flag === '--budget') {
      opts.budgetS = Math.max(1, Number(value()));
    } else {
      throw new Error(`unknown argument ${argv[i]}; usage: kernels.ts [--backends ${BACKENDS.join(',')}] [--workloads id,..] [--repeats N] [--budget S]`);
    }
  }
  return opts;
}

interface Measurement {
  header?: BackendHeader;
  check?: number;
  warmupMs?: number;
  timesMs: number[];
  error?: string;
  timedOut: boolean;
  wallS: number;
  /** 1-minute load average when the measurement started (other processes share the cores). */
  load: number;
}

const here = dirname(fileURLToPath(import.meta.url));

function measure(backend: BenchBackend, w: Workload, opts: Options): Promise<Measurement> {
  const m: Measurement = { timesMs: [], timedOut: false, wallS: 0, load: loadavg()[0] };
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'worker.ts'), backend, w.id, String(opts.repeats)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      m.timedOut = true;
      child.kill('SIGKILL');
    }, budgetOf(w, opts) * 1000);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const msg = JSON.parse(line) as WorkerMessage;
        if (msg.type === 'header') m.header = msg.header;
        else if (msg.type === 'check') m.check = msg.error;
        else if (msg.type === 'error') m.error = msg.message;
        else if (msg.warmup) m.warmupMs = msg.ms;
        else m.timesMs.push(msg.ms);
      }
    });
    child.stderr.on('data', () => undefined);
    child.on('close', () => {
      clearTimeout(timer);
      m.wallS = (performance.now() - start) / 1000;
      resolve(m);
    });
  });
}

function cell(w: Workload, m: Measurement, budgetS: number): string {
  if (m.error != null) {
    const missing = /Kernel '(\w+)' not registered/.exec(m.error);
    return missing != null ? `no ${missing[1]} kernel` : `error: ${m.error.slice(0, 40)}`;
  }
  // Marked whether or not the timing finished within its budget.
  const wrong = m.check != null && !(m.check < 1e-4) ? ` WRONG (err ${m.check.toExponential(1)})` : '';
  let ms: number;
  let note = '';
  if (m.timesMs.length > 0) {
    ms = median(m.timesMs);
    if (m.timesMs.length === 1) note = ' (1 run)';
  } else if (m.warmupMs != null) {
    ms = m.warmupMs;
    note = ' (1 run incl. warm-up)';
  } else {
    return `skipped (>${budgetS}s)${wrong}`;
  }
  const value = w.flops == null ? `${ms.toFixed(0)} ms` : `${(w.flops / ms / 1e6).toFixed(2)}`;
  return value + note + wrong;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const cpuModel = cpus()[0]?.model ?? 'unknown cpu';
  console.log(`# tfjs kernel benchmark — ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${cpuModel}, ${availableParallelism()} logical cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(
    `repeats ${opts.repeats} (median, after one warm-up run); budget ${opts.budgetS}s per op measurement, ` +
      `${STEP_BUDGET_FACTOR * opts.budgetS}s for the training step; GFLOP/s unless noted (fwd+bwd = 3x fwd FLOPs)`,
  );

  const results = new Map<string, Measurement>();
  for (const backend of opts.backends) {
    for (const w of opts.workloads) {
      const m = await measure(backend, w, opts);
      results.set(`${backend}/${w.id}`, m);
      process.stderr.write(`  ${backend} ${w.id}: ${cell(w, m, budgetOf(w, opts))} [${m.wallS.toFixed(0)}s, load ${m.load.toFixed(1)}]\n`);
    }
  }

  console.log('');
  for (const backend of opts.backends) {
    const h = [...results.entries()].find(([k, m]) => k.startsWith(`${backend}/`) && m.header != null)?.[1].header;
    const replaced = h == null ? '' : h.replacementKernels.length > 0 ? `, ${h.replacementKernels.length} replacement kernels` : ', stock kernels';
    const loads = [...results.entries()].filter(([k]) => k.startsWith(`${backend}/`)).map(([, m]) => m.load);
    const load = `load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} during its runs`;
    console.log(
      h == null
        ? `${backend}: did not start`
        : `${backend}: ${h.packageName} ${h.version} on tfjs-core ${h.tfjsCore}, ${h.threads} thread(s)${replaced}; ${load}`,
    );
  }
  console.log('');
  const header = ['workload', 'shape', ...opts.backends];
  const rows = opts.workloads.map((w) => [
    w.flops == null ? `${w.op} ${w.pass} (ms/step)` : `${w.op} ${w.pass}`,
    w.label,
    ...opts.backends.map((b) => {
      const m = results.get(`${b}/${w.id}`);
      return m == null ? '' : cell(w, m, budgetOf(w, opts));
    }),
  ]);
  console.log(formatTable(header, rows));
  console.log('');
  console.log('WRONG: value or gradients differ from the cpu backend on a small case of the same op (relative L2 > 1e-4).');
  const replaced = [...results.values()].find((m) => (m.header?.replacementKernels.length ?? 0) > 0)?.header?.replacementKernels;
  if (replaced != null) console.log(`Replacement kernels: ${replaced.join(', ')}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
