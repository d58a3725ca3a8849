// Pure parts of bench:peer: command-line parsing, medians, the table and the JSON lines.
// No tfjs and no @lddm imports, so report.spec.ts runs anywhere.
import { formatTable, median } from '../table';

export interface PeerBenchOptions {
  /** Timed rounds per workload (each: one project sample, one peer sample, interleaved). */
  steps: number;
  /** Untimed steps per side before the rounds. */
  warmup: number;
  peerThreads: number;
  /** undefined: LDDM_BACKEND or auto, as the CLIs resolve it. */
  backend: string | undefined;
  /** undefined: every workload. */
  workloads: string[] | undefined;
  json: boolean;
  profile: string;
  python: string;
  /** Put first on the peer's LD_LIBRARY_PATH (e.g. a directory with OpenBLAS's libblas.so.3). */
  peerLibPath: string | undefined;
  /** false: project side only (--no-peer). */
  peer: boolean;
  /** Also append the JSON lines to this file (with the human output on stdout). */
  jsonOut: string | undefined;
  /** --check: instead of timing, copy the project's weights into the peer and compare one evaluation. */
  check: boolean;
}

export const USAGE =
  'usage: peer.ts [--steps N] [--warmup N] [--workloads id,..] [--backend auto|wasm|cpu|tensorflow] [--peer-threads N] ' +
  '[--profile cpu] [--python /usr/bin/python3] [--peer-lib-path dir] [--no-peer] [--json] [--json-out file] [--check]';

function positiveInt(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer >= ${min}, got "${value}"`);
  return n;
}

export function parsePeerArgs(argv: readonly string[], known: readonly string[]): PeerBenchOptions {
  const opts: PeerBenchOptions = { steps: 5, warmup: 1, peerThreads: 1, backend: undefined, workloads: undefined, json: false, profile: 'cpu', python: '/usr/bin/python3', peerLibPath: undefined, peer: true, jsonOut: undefined, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value; ${USAGE}`);
      return next;
    };
    switch (flag) {
      case '--steps':
        opts.steps = positiveInt(flag, value(), 1);
        break;
      case '--warmup':
        opts.warmup = positiveInt(flag, value(), 0);
        break;
      case '--peer-threads':
        opts.peerThreads = positiveInt(flag, value(), 1);
        break;
      case '--backend':
        opts.backend = value();
        break;
      case '--profile':
        opts.profile = value();
        break;
      case '--python':
        opts.python = value();
        break;
      case '--peer-lib-path':
        opts.peerLibPath = value();
        break;
      case '--workloads': {
        const ids = value()
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        const unknown = ids.filter((id) => !known.includes(id));
        if (unknown.length > 0 || ids.length === 0) throw new Error(`unknown workload(s) ${unknown.join(', ') || '(none given)'}; expected ${known.join(', ')}`);
        opts.workloads = ids;
        break;
      }
      case '--json':
        opts.json = true;
        break;
      case '--json-out':
        opts.jsonOut = value();
        break;
      case '--no-peer':
        opts.peer = false;
        break;
      case '--check':
        opts.check = true;
        break;
      default:
        throw new Error(`unknown argument ${arg}; ${USAGE}`);
    }
  }
  return opts;
}

/**
 * A parameter's shape compared across layouts: its dimensions without the 1s, sorted, so that a
 * tfjs conv kernel [kh, kw, in, out] and PyTorch's [out, in, kh, kw], or a dense weight [in, out]
 * and nn.Linear's [out, in], give the same key.
 */
export function shapeKey(shape: readonly number[]): string {
  const dims = shape.filter((d) => d !== 1).sort((a, b) => a - b);
  return dims.length === 0 ? '1' : dims.join('x');
}

/** The multiset difference of two lists of parameter shapes, by shapeKey. */
export function shapeDifference(project: readonly (readonly number[])[], peer: readonly (readonly number[])[]): { onlyProject: string[]; onlyPeer: string[] } {
  const counts = new Map<string, number>();
  for (const s of project) counts.set(shapeKey(s), (counts.get(shapeKey(s)) ?? 0) + 1);
  for (const s of peer) counts.set(shapeKey(s), (counts.get(shapeKey(s)) ?? 0) - 1);
  const onlyProject: string[] = [];
  const onlyPeer: string[] = [];
  for (const [key, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (let i = 0; i < Math.abs(n); i++) (n > 0 ? onlyProject : onlyPeer).push(key);
  }
  return { onlyProject, onlyPeer };
}

/** What one workload measured; undefined fields were not measured (error, or no peer). */
export interface WorkloadResult {
  workload: string;
  label: string;
  /** Steps per timed sample (values are per step). */
  innerSteps: number;
  paramsProject?: number;
  paramsPeer?: number;
  /** Trainable parameter tensors per side, and the shapes (by shapeKey) found on one side only. */
  tensorsProject?: number;
  tensorsPeer?: number;
  shapesOnlyProject?: string[];
  shapesOnlyPeer?: string[];
  projectCpuMs?: number[];
  projectWallMs?: number[];
  peerCpuMs?: number[];
  peerWallMs?: number[];
  projectError?: string;
  peerError?: string;
}

const med = (xs: number[] | undefined): number | undefined => (xs === undefined || xs.length === 0 ? undefined : median(xs));

export function ratio(project: number | undefined, peer: number | undefined): number | undefined {
  return project === undefined || peer === undefined || !(peer > 0) ? undefined : project / peer;
}

/** 'match' (equal totals and the same parameter shapes), 'MISMATCH', or '' when a side has no count. */
export function paramsCheck(r: Pick<WorkloadResult, 'paramsProject' | 'paramsPeer' | 'shapesOnlyProject' | 'shapesOnlyPeer'>): '' | 'match' | 'MISMATCH' {
  if (r.paramsProject === undefined || r.paramsPeer === undefined) return '';
  const sameShapes = (r.shapesOnlyProject?.length ?? 0) === 0 && (r.shapesOnlyPeer?.length ?? 0) === 0;
  return r.paramsProject === r.paramsPeer && sameShapes ? 'match' : 'MISMATCH';
}

const ms = (v: number | undefined): string => (v === undefined ? '' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const count = (v: number | undefined): string => (v === undefined ? '' : v.toLocaleString('en-US'));

export const TABLE_HEADER = ['workload', 'params project', 'params peer', 'params', 'project cpu ms', 'project wall ms', 'peer cpu ms', 'peer wall ms', 'ratio cpu'];

export function tableRows(results: readonly WorkloadResult[]): string[][] {
  return results.map((r) => {
    const pc = med(r.projectCpuMs);
    const qc = med(r.peerCpuMs);
    const x = ratio(pc, qc);
    const check = paramsCheck(r);
    return [
      r.workload,
      count(r.paramsProject),
      count(r.paramsPeer),
      check === 'MISMATCH' ? '!!! MISMATCH !!!' : check,
      r.projectError !== undefined ? 'error' : ms(pc),
      r.projectError !== undefined ? '' : ms(med(r.projectWallMs)),
      r.peerError !== undefined ? 'error' : ms(qc),
      r.peerError !== undefined ? '' : ms(med(r.peerWallMs)),
      x === undefined ? '' : `${x.toFixed(2)}x`,
    ];
  });
}

export function renderTable(results: readonly WorkloadResult[]): string {
  return formatTable(TABLE_HEADER, tableRows(results));
}

/** One JSON line per workload: the required fields first, then details (extra is merged in). */
export function jsonRecord(r: WorkloadResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const projectCpuMs = med(r.projectCpuMs);
  const peerCpuMs = med(r.peerCpuMs);
  return {
    workload: r.workload,
    paramsProject: r.paramsProject ?? null,
    paramsPeer: r.paramsPeer ?? null,
    projectCpuMs: projectCpuMs ?? null,
    peerCpuMs: peerCpuMs ?? null,
    ratio: ratio(projectCpuMs, peerCpuMs) ?? null,
    paramsMatch: paramsCheck(r) === '' ? null : paramsCheck(r) === 'match',
    tensorsProject: r.tensorsProject ?? null,
    tensorsPeer: r.tensorsPeer ?? null,
    ...(r.shapesOnlyProject?.length || r.shapesOnlyPeer?.length ? { shapesOnlyProject: r.shapesOnlyProject, shapesOnlyPeer: r.shapesOnlyPeer } : {}),
    projectWallMs: med(r.projectWallMs) ?? null,
    peerWallMs: med(r.peerWallMs) ?? null,
    innerSteps: r.innerSteps,
    samples: { projectCpuMs: r.projectCpuMs ?? [], projectWallMs: r.projectWallMs ?? [], peerCpuMs: r.peerCpuMs ?? [], peerWallMs: r.peerWallMs ?? [] },
    label: r.label,
    ...(r.projectError === undefined ? {} : { projectError: r.projectError }),
    ...(r.peerError === undefined ? {} : { peerError: r.peerError }),
    ...extra,
  };
}
