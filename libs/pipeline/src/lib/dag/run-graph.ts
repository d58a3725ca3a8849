// The one scheduler: walks a graph in its schedule and, for each step once, computes its key from
// its upstream steps, reuses the finished run of that key or computes the step inside a recorded
// run, and hands its output on. planGraph is the same walk that runs nothing and writes nothing.
import { mkdirSync } from 'node:fs';
import { reuseOrRun, type ArtifactRecord, type Registry, type RunHandle, type RunRecord } from '@lddm/registry';
import { backendInfo, describeNative, nativeRunCounts } from '@lddm/runtime';
import { join } from 'node:path';
import { PendingKey, schedule, type Done, type Graph, type Inputs, type Keyed, type KeyView, type StepDef, type StepRef } from './graph';

export interface GraphContext {
  registry: Registry;
  /** Step folders go to <stateDir>/runs. */
  stateDir: string;
  /** The profile name recorded with each run. */
  profile: string;
  experiment?: string;
  /** Recompute even when a finished run of the key exists: every step, or those named. */
  force?: boolean | ((name: string) => boolean);
  log(line: string): void;
}

/** A step of a batch that is to run (not reusable), with its inputs. */
export interface BatchItem {
  def: StepDef;
  keyed: Keyed;
  inputs: Inputs;
}

/**
 * Runs the items of one batch (e.g. in worker processes); `here` runs one in this process. Each
 * item ends as its Done or as the error it failed with. `reused` steps of the wave were skipped.
 */
export type BatchRunner = (items: BatchItem[], here: (item: BatchItem) => Promise<Done>, reused: number) => Promise<Array<Done | Error>>;

export interface GraphRun {
  outputs: ReadonlyMap<string, unknown>;
  done: ReadonlyMap<string, Done>;
  /** Steps of a batch that failed, and the steps after them that could not run. */
  failed: Array<{ name: string; error: string }>;
}

/** The folder of a step with this kind and key: <stateDir>/runs/<kind>-<key prefix>, stable across retries. */
export const stepDir = (stateDir: string, kind: string, key: string): string => join(stateDir, 'runs', `${kind}-${key.slice(0, 16)}`);

const forced = (ctx: Pick<GraphContext, 'force'>, def: StepDef): boolean =>
  def.ignoresForce !== true && (typeof ctx.force === 'function' ? ctx.force(def.name) : ctx.force === true);

/** The finished run of a step's key, read back as its Done (a worker reports only the run id). */
export function doneOf(registry: Registry, stateDir: string, def: StepDef, keyed: Keyed, run: RunRecord, reused: boolean, result?: unknown): Done {
  return { name: def.name, keyed, run, reused, dir: keyed.plainBackend ? '' : stepDir(stateDir, keyed.kind, keyed.key), artifacts: registry.artifacts(run.id), result };
}

/**
 * Computes a step inside a new recorded run, as the key's one owner: if another process of this
 * host is computing the same key, it waits for that run and reuses it (reuseOrRun).
 */
export async function computeStep(ctx: GraphContext, def: StepDef, keyed: Keyed, inputs: Inputs): Promise<Done> {
  const dir = keyed.plainBackend ? '' : stepDir(ctx.stateDir, keyed.kind, keyed.key);
  const info = keyed.plainBackend ?? backendInfo();
  const backend = { name: info.name, version: info.version, threads: info.threads };
  const { kind, key, config, inputs: consumed, sourceVersion, seed } = keyed;
  const spec = { kind, key, config, inputs: consumed, sourceVersion, seed, profile: ctx.profile, experiment: ctx.experiment, backend };
  // Forced or stale: a new run whatever is finished; otherwise claim the key (see above).
  const finished = ctx.registry.findFinished(key);
  const force = forced(ctx, def) || Boolean(finished && def.stale?.(finished));
  const { run, result, reused } = await reuseOrRun(ctx.registry, { ...spec, force, warn: ctx.log }, async (handle: RunHandle) => {
    if (keyed.plainBackend) return def.compute(inputs, handle, dir, seed);
    mkdirSync(dir, { recursive: true });
    if (keyed.params) handle.logParams(keyed.params);
    // Which kernel layer computed this run: the native provider and threads, and per kernel
    // how many calls ran natively during it (what fell back to wasm is the rest).
    const before = nativeRunCounts();
    handle.logParams({ 'backend.native': describeNative(backendInfo()) });
    try {
      return await def.compute(inputs, handle, dir, seed);
    } finally {
      const after = nativeRunCounts();
      const ran = Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - (before[k] ?? 0)]).filter(([, n]) => Number(n) > 0));
      handle.logParams({ 'backend.nativeCalls': ran });
    }
  });
  return doneOf(ctx.registry, ctx.stateDir, def, keyed, run, reused, result);
}

function inputsOf(def: StepDef, outputs: ReadonlyMap<string, unknown>, done: ReadonlyMap<string, Done>): Inputs {
  const declared = new Set(def.needs.map((n) => n.name));
  const check = (ref: StepRef<unknown>) => {
    // A step reads only what it declared: an undeclared read would hide an edge from the schedule.
    if (!declared.has(ref.name)) throw new Error(`step ${def.name} reads ${ref.name}, which it does not declare in needs`);
  };
  return {
    get: <T>(ref: StepRef<T>) => {
      check(ref);
      return outputs.get(ref.name) as T;
    },
    done: (ref) => {
      check(ref);
      return done.get(ref.name)!;
    },
  };
}

function viewOf(def: StepDef, done: ReadonlyMap<string, Done>): KeyView {
  const of = (ref: StepRef<unknown>) => {
    const d = done.get(ref.name);
    if (d === undefined || !def.needs.some((n) => n.name === ref.name)) throw new Error(`step ${def.name}: its key reads ${ref.name}, which it does not declare in needs`);
    return d;
  };
  return { keyed: (ref) => of(ref).keyed, finished: (ref) => of(ref) };
}

/**
 * The finished run of the step's key as its Done, unless forced or stale (then undefined: it
 * runs). Only a run whose recorded files are intact is reused; one whose files changed is marked
 * corrupt with a warning (Registry.findReusable) and the step recomputes.
 */
function reusable(ctx: GraphContext, def: StepDef, keyed: Keyed): Done | undefined {
  const warn = (run: RunRecord, problems: string[]) =>
    ctx.log(`warning: ${def.name}: run ${run.id} is not reused: ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}; marked corrupt, recomputing`);
  const finished = forced(ctx, def) ? undefined : ctx.registry.findReusable(keyed.key, warn);
  const stale = finished && def.stale?.(finished);
  if (stale) ctx.log(`${def.name}: run ${finished.id} is stale (${stale}): recomputing`);
  return finished && !stale ? doneOf(ctx.registry, ctx.stateDir, def, keyed, finished, true) : undefined;
}

/** Runs every step of the graph once, in its schedule; a failing step outside a batch throws. */
export async function runGraph(graph: Graph, ctx: GraphContext, batches: Readonly<Record<string, BatchRunner>> = {}): Promise<GraphRun> {
  const outputs = new Map<string, unknown>();
  const done = new Map<string, Done>();
  const failed: GraphRun['failed'] = [];
  const finish = async (def: StepDef, d: Done, inputs: Inputs) => {
    done.set(def.name, d);
    outputs.set(def.name, def.output ? await def.output(inputs, d) : d);
  };
  for (const wave of schedule(graph.steps)) {
    const toRun: BatchItem[] = [];
    for (const def of wave) {
      const blocked = def.needs.find((n) => !done.has(n.name));
      if (blocked !== undefined) {
        failed.push({ name: def.name, error: `${blocked.name} did not finish` });
        continue;
      }
      const inputs = inputsOf(def, outputs, done);
      await def.prepare?.(ctx.registry);
      const keyed = await def.keyed(viewOf(def, done));
      const reuse = reusable(ctx, def, keyed);
      if (reuse) {
        await finish(def, reuse, inputs);
        if (def.batch === undefined) ctx.log(`${def.name}: run ${reuse.run.id} (reused)`);
      } else toRun.push({ def, keyed, inputs });
    }
    const runner = wave[0].batch === undefined ? undefined : batches[wave[0].batch];
    const here = (item: BatchItem) => computeStep(ctx, item.def, item.keyed, item.inputs);
    if (runner === undefined) {
      for (const item of toRun) {
        const d = await here(item);
        await finish(item.def, d, item.inputs);
        ctx.log(`${item.def.name}: run ${d.run.id} (${d.reused ? 'reused: computed by another process' : 'new'})`);
      }
    } else {
      const results = await runner(toRun, here, wave.length - toRun.length);
      for (const [i, r] of results.entries()) {
        if (r instanceof Error) failed.push({ name: toRun[i].def.name, error: r.message });
        else await finish(toRun[i].def, r, toRun[i].inputs);
      }
    }
  }
  return { outputs, done, failed };
}

/** The Done of a finished run found by its key (a grid worker is handed its upstream runs' keys). */
export function doneOfRun(registry: Registry, stateDir: string, name: string, key: string): Done {
  const run = registry.findFinished(key);
  if (run === undefined) throw new Error(`${name}: no finished run with key ${key.slice(0, 12)}`);
  const keyed: Keyed = { kind: run.kind, key, config: run.config, inputs: registry.inputs(run.id), seed: run.seed, sourceVersion: run.sourceVersion };
  return { name, keyed, run, reused: true, dir: stepDir(stateDir, run.kind, key), artifacts: registry.artifacts(run.id) };
}

/** Runs (or reuses) one step whose upstream steps' outputs are given (a grid worker's cell). */
export async function runStep(ctx: GraphContext, def: StepDef, given: ReadonlyMap<string, { output: unknown; done: Done }>): Promise<Done> {
  const outputs = new Map([...given].map(([name, g]) => [name, g.output]));
  const done = new Map([...given].map(([name, g]) => [name, g.done]));
  const keyed = await def.keyed(viewOf(def, done));
  return reusable(ctx, def, keyed) ?? computeStep(ctx, def, keyed, inputsOf(def, outputs, done));
}

/** What planGraph reads of the registry (nothing when there is none yet). */
export interface RunLookup {
  findFinished(key: string): RunRecord | undefined;
  artifacts(runId: number): ArtifactRecord[];
}

export interface PlanEntry {
  name: string;
  needs: string[];
  key?: string;
  /** The upstream step whose output the key waits for (key unknown until it has run). */
  after?: string;
  /** 'reuse <run id>', 'run', 'run (stale: ...)' or 'run (forced)'. */
  state: string;
}

/** The schedule with each step's key and whether it would be reused; runs nothing, writes nothing. */
export async function planGraph(graph: Graph, ctx: { lookup: RunLookup; force?: GraphContext['force'] }): Promise<PlanEntry[]> {
  const entries = new Map<string, PlanEntry & { keyed?: Keyed; run?: RunRecord }>();
  for (const def of schedule(graph.steps).flat()) {
    const upstream = (ref: StepRef<unknown>) => {
      const e = entries.get(ref.name);
      if (e === undefined || !def.needs.some((n) => n.name === ref.name)) throw new Error(`step ${def.name}: its key reads ${ref.name}, which it does not declare in needs`);
      return e;
    };
    const view: KeyView = {
      // Pending upstream: the step its key waits for (a step of the graph, else the upstream itself).
      keyed: (ref) => {
        const e = upstream(ref);
        return e.keyed ?? raise(new PendingKey(e.after !== undefined && entries.has(e.after) ? e.after : ref.name));
      },
      finished: (ref) => {
        const e = upstream(ref);
        return e.run && e.state.startsWith('reuse') ? { run: e.run, artifacts: ctx.lookup.artifacts(e.run.id) } : raise(new PendingKey(ref.name));
      },
    };
    const entry: PlanEntry & { keyed?: Keyed; run?: RunRecord } = { name: def.name, needs: def.needs.map((n) => n.name), state: 'run' };
    try {
      entry.keyed = await def.keyed(view);
      entry.key = entry.keyed.key;
      const run = ctx.lookup.findFinished(entry.key);
      const stale = run && def.stale?.(run);
      if (run && forced(ctx, def)) entry.state = 'run (forced)';
      else if (stale) entry.state = `run (stale: ${stale})`;
      else if (run) Object.assign(entry, { state: `reuse ${run.id}`, run });
    } catch (error) {
      if (!(error instanceof PendingKey)) throw error;
      entry.after = error.after;
    }
    entries.set(def.name, entry);
  }
  return [...entries.values()].map(({ keyed: _k, run: _r, ...e }) => e);
}

const raise = (error: Error): never => {
  throw error;
};

/** The plan as lines: number, step, key (12 hex, or what it waits for), state, upstream steps. */
export function planLines(entries: readonly PlanEntry[]): string[] {
  const width = Math.max(0, ...entries.map((e) => e.name.length));
  const keys = entries.map((e) => (e.key ? e.key.slice(0, 12) : `(after ${e.after})`));
  const keyWidth = Math.max(0, ...keys.map((k) => k.length));
  const stateWidth = Math.max(0, ...entries.map((e) => e.state.length));
  const n = String(entries.length).length;
  return entries.map((e, i) => `${String(i + 1).padStart(n)}. ${e.name.padEnd(width)}  ${keys[i].padEnd(keyWidth)}  ${e.state.padEnd(stateWidth)}${e.needs.length ? `  <- ${e.needs.join(', ')}` : ''}`.trimEnd());
}
