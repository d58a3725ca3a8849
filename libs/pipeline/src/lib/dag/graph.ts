// The experiment as a graph of steps (issue 14): each step names the steps whose outputs it
// consumes and says how its run key follows from theirs; nothing calls another step. The order
// is computed here once: topological, in the order the steps were added where that is free, so
// a graph built stage by stage runs stage by stage.
import type { ArtifactRecord, Registry, RunHandle, RunRecord } from '@lddm/registry';

/** A typed handle on a step: what `needs` lists and `inputs.get` reads. */
export interface StepRef<T> {
  readonly name: string;
  /** Never set: carries the output type. */
  readonly output?: T;
}

/** A step's run identity, known before it runs: what the registry is asked for and records. */
export interface Keyed {
  kind: string;
  key: string;
  /** As recorded (for a step built from a StepSpec, with its derived seed). */
  config: unknown;
  /** Keys of the runs and the fingerprints it consumes. */
  inputs: string[];
  seed: number;
  sourceVersion: string;
  /** Recorded at the start (labels for reports: ratio, generator, ...). */
  params?: Record<string, unknown>;
  /** A run with no folder and no tensor work (the data step): its backend as recorded. */
  plainBackend?: { name: string; version: string; threads: number };
  /** What downstream keys read besides the key (the data step's fingerprints). */
  facts?: Readonly<Record<string, string>>;
}

/** A key that needs the output of an upstream step that has not run yet. */
export class PendingKey extends Error {
  override readonly name = 'PendingKey';
  constructor(readonly after: string) {
    super(`the key is known after ${after}`);
  }
}

/** A finished run of a step, reused or just made. */
export interface Done<R = unknown> {
  name: string;
  keyed: Keyed;
  run: RunRecord;
  reused: boolean;
  /** The step's folder (its checkpoints survive a crash for the retry); '' for a plain run. */
  dir: string;
  artifacts: readonly ArtifactRecord[];
  /** What compute returned (a reused run has none). */
  result?: R;
}

/** What a step's key sees of its upstream steps: each throws PendingKey when not known yet. */
export interface KeyView {
  keyed(ref: StepRef<unknown>): Keyed;
  /** The upstream's finished run (for a key that hashes one of its files). */
  finished(ref: StepRef<unknown>): { run: RunRecord; artifacts: readonly ArtifactRecord[] };
}

/** The outputs of a step's upstream steps, when it runs. */
export interface Inputs {
  get<T>(ref: StepRef<T>): T;
  done(ref: StepRef<unknown>): Done;
}

export interface StepDef<T = unknown, R = unknown> {
  /** Unique in its graph, e.g. "lddm-stage1 7:3". */
  readonly name: string;
  readonly needs: ReadonlyArray<StepRef<unknown>>;
  /** Steps with the same batch that are ready together are handed to one runner (the grid's workers). */
  readonly batch?: string;
  /** --force does not recompute it (the data step: --force retrains models, it does not re-split). */
  readonly ignoresForce?: boolean;
  /** Work the key depends on, done only when the graph runs (the data step generates the phantom and records it). */
  prepare?(registry: Registry): Promise<void>;
  keyed(view: KeyView): Keyed | Promise<Keyed>;
  /** Why the finished run of the key cannot be reused (its files are gone), if so. */
  stale?(run: RunRecord): string | undefined;
  /** The work of a new run, inside it. */
  compute(inputs: Inputs, run: RunHandle, dir: string, seed: number): Promise<R>;
  /** What downstream steps get (default: the Done). */
  output?(inputs: Inputs, done: Done<R>): T | Promise<T>;
}

export class Graph {
  private readonly defs = new Map<string, StepDef>();

  /** Adds the step `name` once: a shared upstream asked for again is the same step. */
  step<T, R>(name: string, make: () => StepDef<T, R>): StepRef<T> {
    if (!this.defs.has(name)) {
      const def = make();
      if (def.name !== name) throw new Error(`graph: step ${name} was made with the name ${def.name}`);
      this.defs.set(name, def);
    }
    return { name };
  }

  get(name: string): StepDef {
    const def = this.defs.get(name);
    if (def === undefined) throw new Error(`graph: no step ${name}`);
    return def;
  }

  get steps(): StepDef[] {
    return [...this.defs.values()];
  }
}

/**
 * The order the steps run in, as waves: a single step, or every ready step of one batch. Among
 * ready steps the earliest added goes first, unbatched before batched. A need that is not in the
 * graph and a cycle are errors that name the steps.
 */
export function schedule(steps: readonly StepDef[]): StepDef[][] {
  const byName = new Map(steps.map((s) => [s.name, s]));
  for (const s of steps)
    for (const n of s.needs) if (!byName.has(n.name)) throw new Error(`graph: step ${s.name} needs ${n.name}, which is not in the graph`);
  const left = new Map(steps.map((s) => [s.name, new Set(s.needs.map((n) => n.name))]));
  const waves: StepDef[][] = [];
  const finish = (wave: StepDef[]) => {
    waves.push(wave);
    for (const s of wave) left.delete(s.name);
    for (const needs of left.values()) for (const s of wave) needs.delete(s.name);
  };
  while (left.size > 0) {
    const ready = steps.filter((s) => left.get(s.name)?.size === 0);
    if (ready.length === 0) throw new Error(`graph: cycle ${cycleIn(left).join(' -> ')}`);
    const single = ready.find((s) => s.batch === undefined);
    finish(single ? [single] : ready.filter((s) => s.batch === ready[0].batch));
  }
  return waves;
}

/** One cycle among the steps left (each still needs one of the others). */
function cycleIn(left: Map<string, Set<string>>): string[] {
  const path: string[] = [];
  let at = left.keys().next().value as string;
  while (!path.includes(at)) {
    path.push(at);
    at = [...left.get(at)!].find((n) => left.has(n))!;
  }
  return [...path.slice(path.indexOf(at)), at];
}
