// bench:peer — the project's training steps side by side with the same networks in PyTorch.
//
//   npm run bench:peer -- [--steps 5] [--warmup 1] [--workloads c3d,tsm,...] [--backend auto|wasm|cpu|tensorflow]
//                         [--peer-threads 1] [--profile cpu] [--python /usr/bin/python3] [--peer-lib-path dir]
//                         [--no-peer] [--json] [--json-out f]
//   npm run bench:peer -- --check [--workloads ...]    (are the two networks the same function? no timing)
//
// What it measures: for each workload (c3d, tsm, tdn, atmnet, lddm-stage1, lddm-stage2, ddpm-step,
// cinn-flow, stage1-decode) one step as the project's trainers take it (forward + loss + backward
// + optimiser update; ddpm-step and stage1-decode are inference) on the shapes of the profile
// (default cpu, resolved by @lddm/config's loader), built with the project's own model builders
// (peer/workloads.ts), and the same network written in PyTorch (peer/torch_*.py) with the same
// layers and the same trainable parameter count (printed for both sides; MISMATCH if they
// differ). Both run in turn in one run: the project in this process on the backend initBackend
// chooses (--backend, else LDDM_BACKEND, else auto), the peer in one long-lived
// `/usr/bin/python3 peer/peer_server.py` child driven by JSON lines, with
// torch.set_num_threads(--peer-threads, default 1). After --warmup untimed steps per side, each of
// --steps rounds times one project sample and one peer sample (order alternating per round);
// the table gives medians of CPU ms (process.cpuUsage user + system / time.process_time) and wall
// ms per step, and ratio = project CPU ms / peer CPU ms. Short steps are timed in groups
// (innerSteps) and reported per step. CPU time is the figure to compare on a shared machine.
//
// --check copies the project's weights (seeded noise added, so zero-initialised layers matter) and
// buffers into the PyTorch network and compares one deterministic evaluation: the loss or output
// value, the output tensor, and for the training workloads every parameter's gradient norm.
//
// The peer's nn.Linear / matmul runs on the BLAS behind /usr/lib/x86_64-linux-gnu/libblas.so.3
// (Debian's torch is built BLAS_INFO=generic): netlib's reference BLAS unless OpenBLAS or BLIS is
// installed, ~15x slower on matmul (the header prints the measured GFLOP/s); its convolutions run
// on oneDNN either way. --peer-lib-path DIR puts DIR first on the peer's LD_LIBRARY_PATH, e.g. an
// OpenBLAS libblas.so.3 unpacked from libopenblas0-pthread, without changing the system.
//
// PyTorch is a benchmark peer only, never a dependency of the platform: when /usr/bin/python3
// cannot import torch (Debian: apt install python3-torch), bench:peer says so in one line and
// prints the project side with the peer columns empty (exit 0). --json prints one JSON object
// per workload on stdout ({workload, paramsProject, paramsPeer, projectCpuMs, peerCpuMs, ratio,
// ...details}) and the header on stderr; --json-out f appends the same lines to f as well.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { loadProfile, type Profile } from '@lddm/config';
import { backendInfo, initBackend, parseBackendChoice, tf, type BackendInfo } from '@lddm/runtime';
import { PeerProcess } from './peer/peer-process';
import { formatTable, median } from './table';
import { jsonRecord, paramsCheck, parsePeerArgs, renderTable, shapeDifference, type PeerBenchOptions, type WorkloadResult } from './peer/report';
import { exportState, perturb, relativeL2, unwire, wire, type WireTensor } from './peer/transfer';
import { WORKLOAD_IDS, WORKLOADS, type BuiltWorkload, type WorkloadDef } from './peer/workloads';

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 300);

/** One timed sample of `inner` project steps: CPU (user + system of this process) and wall ms per step. */
function timeProject(built: BuiltWorkload, inner: number): { cpu: number; wall: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < inner; i++) built.step();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000 / inner, wall: wall / inner };
}

async function runWorkload(def: WorkloadDef, profile: Profile, peer: PeerProcess | undefined, opts: PeerBenchOptions): Promise<WorkloadResult> {
  const result: WorkloadResult = { workload: def.id, label: '', innerSteps: def.inner };
  const tensorsBefore = tf.memory().numTensors;
  let built: BuiltWorkload | undefined;
  try {
    built = def.build(profile);
    result.label = built.label;
    result.paramsProject = built.params;
  } catch (e) {
    result.projectError = firstLine(e);
  }
  let peerReady = false;
  if (peer !== undefined) {
    if (built === undefined) {
      result.peerError = 'not built: the project side failed to build (its config is what the peer builds from)';
    } else {
      try {
        const peerNet = await peer.build(def.id, def.inner, built.peerSpec);
        result.paramsPeer = peerNet.params;
        result.tensorsProject = built.shapes.length;
        result.tensorsPeer = peerNet.shapes.length;
        const diff = shapeDifference(built.shapes, peerNet.shapes);
        result.shapesOnlyProject = diff.onlyProject;
        result.shapesOnlyPeer = diff.onlyPeer;
        peerReady = true;
      } catch (e) {
        result.peerError = firstLine(e);
      }
    }
  }
  const projectCpu: number[] = [];
  const projectWall: number[] = [];
  const peerCpu: number[] = [];
  const peerWall: number[] = [];
  const runProject = (timed: boolean): void => {
    if (built === undefined) return;
    try {
      const t = timeProject(built, timed ? def.inner : 1);
      if (timed) {
        projectCpu.push(t.cpu);
        projectWall.push(t.wall);
      }
    } catch (e) {
      result.projectError = firstLine(e);
      built.dispose();
      built = undefined;
    }
  };
  const runPeer = async (timed: boolean): Promise<void> => {
    if (!peerReady || peer === undefined) return;
    try {
      const t = await peer.step(1);
      if (timed) {
        peerCpu.push(...t.cpuMs);
        peerWall.push(...t.wallMs);
      }
    } catch (e) {
      result.peerError = firstLine(e);
      peerReady = false;
    }
  };
  for (let i = 0; i < opts.warmup; i++) {
    runProject(false);
    await runPeer(false);
  }
  for (let round = 0; round < opts.steps; round++) {
    // Alternate who goes first, so that neither side always runs right after the other.
    if (round % 2 === 0) {
      runProject(true);
      await runPeer(true);
    } else {
      await runPeer(true);
      runProject(true);
    }
  }
  if (projectCpu.length > 0) {
    result.projectCpuMs = projectCpu;
    result.projectWallMs = projectWall;
  }
  if (peerCpu.length > 0) {
    result.peerCpuMs = peerCpu;
    result.peerWallMs = peerWall;
  }
  built?.dispose();
  if (peer !== undefined && (peerReady || result.paramsPeer !== undefined)) {
    await peer.request({ cmd: 'dispose' }).catch(() => undefined);
  }
  const leaked = tf.memory().numTensors - tensorsBefore;
  if (leaked > 0) process.stderr.write(`  note: ${def.id} left ${leaked} tensors allocated\n`);
  return result;
}

/** Relative error tolerated between the two sides' evaluations (float32, different op orders). */
const CHECK_TOLERANCE = 1e-4;
/** The same for the vector of per-tensor gradient norms (backward passes accumulate more rounding). */
const GRAD_TOLERANCE = 1e-3;

interface CheckRow {
  workload: string;
  params?: number;
  projectValue?: number;
  peerValue?: number;
  valueError?: number;
  outputError?: number;
  /** Relative L2 of the per-tensor gradient norms (training workloads). */
  gradError?: number;
  error?: string;
}

/** --check for one workload: the project's weights and inputs into the peer, one deterministic evaluation on both sides. */
async function checkWorkload(def: WorkloadDef, profile: Profile, peer: PeerProcess): Promise<CheckRow> {
  const row: CheckRow = { workload: def.id };
  let built: BuiltWorkload | undefined;
  try {
    built = def.build(profile);
    row.params = built.params;
    await peer.build(def.id, 1, built.peerSpec);
    perturb(built.module, 1000);
    const c = built.check();
    const output = Float32Array.from(c.output.dataSync());
    c.output.dispose();
    row.projectValue = c.value;
    // Per-tensor gradient norms of the loss, in parameter order: a layout-free comparison of the backward passes.
    let gradNorms: number[] | undefined;
    if (c.loss !== undefined) {
      const vars = built.module.parameters({ trainableOnly: true });
      const { value, grads } = tf.variableGrads(c.loss, vars);
      gradNorms = vars.map((v) => (grads[v.name] === undefined ? 0 : tf.tidy(() => tf.norm(grads[v.name]).dataSync()[0])));
      tf.dispose([value, ...Object.values(grads)]);
    }
    const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, t]) => [k, wire(t)]));
    const reply = await peer.request({ cmd: 'check', state: exportState(built.module), inputs, grads: gradNorms !== undefined });
    row.peerValue = Number(reply['value']);
    row.valueError = Math.abs(row.projectValue - row.peerValue) / Math.max(Math.abs(row.projectValue), 1e-12);
    row.outputError = relativeL2(unwire(reply['output'] as WireTensor), output);
    if (gradNorms !== undefined) row.gradError = relativeL2((reply['gradNorms'] as number[] | undefined) ?? [], gradNorms);
  } catch (e) {
    row.error = firstLine(e);
  } finally {
    built?.dispose();
    await peer.request({ cmd: 'dispose' }).catch(() => undefined);
  }
  return row;
}

async function runChecks(workloads: readonly WorkloadDef[], profile: Profile, peer: PeerProcess): Promise<boolean> {
  const rows: CheckRow[] = [];
  for (const def of workloads) {
    const row = await checkWorkload(def, profile, peer);
    rows.push(row);
    process.stderr.write(`  ${def.id}: ${row.error ?? `value ${row.projectValue} / ${row.peerValue}, output rel. L2 ${row.outputError?.toExponential(1)}`}\n`);
  }
  const ok = (r: CheckRow) =>
    r.error === undefined && (r.valueError ?? 1) < CHECK_TOLERANCE && (r.outputError ?? 1) < CHECK_TOLERANCE && (r.gradError ?? 0) < GRAD_TOLERANCE;
  const e = (v: number | undefined) => (v === undefined ? '' : v.toExponential(1));
  console.log(
    formatTable(
      ['workload', 'params', 'project value', 'peer value', 'rel. diff', 'output rel. L2', 'grad norms rel. L2', 'same function'],
      rows.map((r) => [
        r.workload,
        r.params?.toLocaleString('en-US') ?? '',
        r.projectValue?.toPrecision(7) ?? '',
        r.peerValue?.toPrecision(7) ?? '',
        e(r.valueError),
        e(r.outputError),
        r.gradError === undefined ? '(inference)' : e(r.gradError),
        r.error !== undefined ? `error: ${r.error}` : ok(r) ? 'yes' : '!!! DIFF !!!',
      ]),
    ),
  );
  console.log('');
  console.log(`--check: the project's trainable weights (perturbed with seeded noise, so that zero-initialised layers count) and buffers copied into the`);
  console.log(`PyTorch network (layouts converted), then one deterministic evaluation`);
  console.log(`on the same inputs (classifiers: eval-mode logits and loss; lddm-stage1: z = mu, eval; lddm-stage2: eq. 3 at fixed t, eps; ddpm-step: eps-hat;`);
  console.log(`cinn-flow: nll and v; stage1-decode: the clip), and for the training workloads the L2 norm of every parameter's gradient of that loss.`);
  console.log(`"yes": value and output within ${CHECK_TOLERANCE}, gradient norms within ${GRAD_TOLERANCE} relative error.`);
  return rows.every(ok);
}

/** The commit the project side ran from, and the uncommitted source files it ran with (the runtime is edited concurrently). */
function sourceVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+$/, '');
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'libs', 'apps', 'tools/bench')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.slice(3));
    return `git ${head}${dirty.length === 0 ? ' (clean)' : ` + uncommitted: ${dirty.join(', ')}`}`;
  } catch {
    return 'git: unknown';
  }
}

const KNOWN_INFO = new Set(['requested', 'name', 'packageName', 'version', 'threads', 'replacementKernels', 'tried']);

/** The backend line(s): name, package, version, threads, replacement kernels, and any further BackendInfo fields. */
function describeBackend(info: BackendInfo): string[] {
  const lines = [
    `project: tfjs-core ${tf.version_core}, backend ${info.name} (${info.packageName} ${info.version}), ${info.threads} thread(s), requested ${info.requested}` +
      (info.tried.some((t) => !t.ok) ? `; not available: ${info.tried.filter((t) => !t.ok).map((t) => `${t.packageName} (${t.reason ?? '?'})`).join(', ')}` : ''),
  ];
  if (info.replacementKernels.length > 0) lines.push(`  replacement kernels (${info.replacementKernels.length}): ${info.replacementKernels.join(', ')}`);
  for (const [key, value] of Object.entries(info)) {
    if (!KNOWN_INFO.has(key)) lines.push(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  // Environment that changes what the runtime runs (native kernel layer, its threads, the backend).
  const env = ['LDDM_BACKEND', 'LDDM_NATIVE', 'LDDM_THREADS'].filter((k) => process.env[k] !== undefined).map((k) => `${k}=${process.env[k]}`);
  if (env.length > 0) lines.push(`  environment: ${env.join(' ')}`);
  return lines;
}

async function main(): Promise<void> {
  let opts: PeerBenchOptions;
  try {
    opts = parsePeerArgs(process.argv.slice(2), WORKLOAD_IDS);
    parseBackendChoice(opts.backend);
  } catch (e) {
    console.error(firstLine(e));
    process.exitCode = 2;
    return;
  }
  const header = (line: string): void => {
    if (opts.json) process.stderr.write(`${line}\n`);
    else console.log(line);
  };
  const profile = loadProfile(opts.profile);
  await initBackend(parseBackendChoice(opts.backend));
  const info = backendInfo();

  let peer: PeerProcess | undefined;
  let noPeer: string | undefined;
  if (opts.peer) {
    const started = await PeerProcess.start(opts.python, opts.peerThreads, opts.peerLibPath);
    if (typeof started === 'string') noPeer = started;
    else peer = started;
  } else {
    noPeer = 'peer disabled (--no-peer)';
  }

  const workloads = WORKLOADS.filter((w) => opts.workloads === undefined || opts.workloads.includes(w.id));
  header(`# bench:peer — the project's training steps and the same networks in PyTorch — ${new Date().toISOString()}`);
  header(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} logical cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  header(`source: ${sourceVersion()}`);
  const plan = opts.check
    ? '--check: weights copied into the peer, one deterministic evaluation per workload (no timing)'
    : `per workload ${opts.warmup} warm-up step(s) per side, then ${opts.steps} interleaved rounds; medians per step`;
  header(`profile ${profile.name} (${profile.chain.join(' -> ')}); ${plan}`);
  for (const line of describeBackend(info)) header(line);
  if (peer !== undefined) {
    const h = peer.hello;
    header(
      `peer: PyTorch ${h.torch} (python ${h.python}, ${opts.python}${opts.peerLibPath === undefined ? '' : `, LD_LIBRARY_PATH=${opts.peerLibPath}`}), ` +
        `${h.threads} intra-op thread(s), ${h.interopThreads} inter-op, mkldnn ${h.mkldnn ? 'on' : 'off'}`,
    );
    header(`  BLAS_INFO=${h.blas}; libraries: ${h.blasLibraries.join(', ') || '(none found)'}; matmul 512^3 ${h.matmulGflops.toFixed(1)} GFLOP/s (nn.Linear runs on this BLAS, convolutions on oneDNN)`);
  } else {
    // The one-line message when there is no peer; the project side still runs.
    const line = `peer: none — ${noPeer ?? 'unavailable'}; peer columns left empty`;
    header(line);
    if (!opts.json) process.stderr.write(`${line}\n`);
  }
  header('');

  if (opts.check) {
    if (peer === undefined) {
      console.error(`--check needs the PyTorch peer: ${noPeer ?? 'unavailable'}`);
      process.exitCode = 1;
      return;
    }
    try {
      if (!(await runChecks(workloads, profile, peer))) process.exitCode = 1;
    } finally {
      await peer.close();
    }
    return;
  }

  const results: WorkloadResult[] = [];
  try {
    for (const def of workloads) {
      const load = loadavg()[0];
      const r = await runWorkload(def, profile, peer, opts);
      results.push(r);
      const pc = r.projectCpuMs === undefined ? '-' : `${median(r.projectCpuMs).toFixed(1)}`;
      const qc = r.peerCpuMs === undefined ? '-' : `${median(r.peerCpuMs).toFixed(1)}`;
      const check = paramsCheck(r);
      process.stderr.write(
        `  ${def.id}: project ${pc} ms cpu, peer ${qc} ms cpu; params ${r.paramsProject ?? '-'} / ${r.paramsPeer ?? '-'}${check === 'MISMATCH' ? ' MISMATCH' : ''}` +
          ` [load ${load.toFixed(1)}]${r.projectError === undefined ? '' : ` project error: ${r.projectError}`}${r.peerError === undefined ? '' : ` peer error: ${r.peerError}`}\n`,
      );
      if (opts.json || opts.jsonOut !== undefined) {
        const extra = {
          backend: info.name,
          backendPackage: info.packageName,
          backendVersion: info.version,
          backendThreads: info.threads,
          backendInfo: info,
          peerTorch: peer?.hello.torch ?? null,
          peerThreads: peer?.hello.threads ?? null,
          peerBlas: peer === undefined ? null : { blas: peer.hello.blas, libraries: peer.hello.blasLibraries, matmulGflops: peer.hello.matmulGflops },
          profile: profile.name,
          steps: opts.steps,
          warmup: opts.warmup,
          loadAverage: load,
        };
        const line = JSON.stringify(jsonRecord(r, extra));
        if (opts.json) console.log(line);
        if (opts.jsonOut !== undefined) appendFileSync(opts.jsonOut, `${line}\n`);
      }
    }
  } finally {
    await peer?.close();
  }

  if (!opts.json) {
    console.log(renderTable(results));
    console.log('');
    for (const r of results) console.log(`${r.workload.padEnd(14)} ${r.label}${r.innerSteps > 1 ? ` (timed ${r.innerSteps} steps per sample)` : ''}`);
    const mismatches = results.filter((r) => paramsCheck(r) === 'MISMATCH');
    for (const r of mismatches) {
      console.log(`!!! MISMATCH: ${r.workload}: ${r.paramsProject} trainable parameters in ${r.tensorsProject} tensors in the project, ${r.paramsPeer} in ${r.tensorsPeer} in the PyTorch peer`);
      if ((r.shapesOnlyProject?.length ?? 0) + (r.shapesOnlyPeer?.length ?? 0) > 0) {
        console.log(`    shapes only in the project: ${r.shapesOnlyProject?.join(' ') || '-'}; only in the peer: ${r.shapesOnlyPeer?.join(' ') || '-'}`);
      }
    }
    for (const r of results) {
      if (r.projectError !== undefined) console.log(`${r.workload}: project error: ${r.projectError}`);
      if (r.peerError !== undefined) console.log(`${r.workload}: peer error: ${r.peerError}`);
    }
    console.log('');
    console.log('params: trainable scalars per side; "match" = equal totals and the same trainable tensor shapes (compared layout-free: dims without 1s, sorted).');
    console.log('ms are per step: medians over the rounds of CPU time (user + system of the timing process) and wall time; ratio cpu = project cpu ms / peer cpu ms.');
  }
}

main().catch((e: unknown) => {
  console.error(firstLine(e));
  if (process.env['LDDM_DEBUG'] === '1' && e instanceof Error) console.error(e.stack);
  process.exitCode = 1;
});
