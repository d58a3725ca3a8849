// What an invocation of the pipeline holds: the resolved profile, the registry, where generated
// files go, and a logger. The steps' graphs are built from it (each step takes its slice), and the
// scheduler runs them; a spec's key is derived here, once, for every step built from a StepSpec.
import { dirname } from 'node:path';
import type { Profile } from '@lddm/config';
import { runKey, sourceVersion, type Registry, type ReuseOrRunResult } from '@lddm/registry';
import { deriveSeed } from '@lddm/runtime';
import type { Done, Keyed } from './dag/graph';
import type { GraphContext } from './dag/run-graph';

export interface PipelineContext {
  profile: Profile;
  registry: Registry;
  /** Workspace root: relative paths in the profile resolve against it. */
  root: string;
  /** Where generated data, checkpoints and outputs go (default: beside the registry db). */
  stateDir: string;
  experiment?: string;
  /** Recompute even when a finished run with the same key exists. */
  force?: boolean;
  /** The source version every key of this invocation uses (computed once: see pipelineContext). */
  sourceVersion: string;
  log(line: string): void;
}

/** What steps are built from: the profile, the workspace root, where files go, the key's source version, a logger. */
export type StepEnv = Pick<PipelineContext, 'profile' | 'root' | 'stateDir' | 'sourceVersion' | 'log'>;

export function pipelineContext(options: Omit<PipelineContext, 'stateDir' | 'log' | 'sourceVersion'> & { stateDir?: string; log?: (line: string) => void }): PipelineContext {
  // Once per invocation: a file edited while a long experiment runs must not change the keys of
  // its later steps (they would no longer find the earlier ones).
  return { ...options, stateDir: options.stateDir ?? dirname(options.registry.path), sourceVersion: sourceVersion(options.root), log: options.log ?? (() => undefined) };
}

export interface StepSpec {
  kind: string;
  /** Everything that determines the result (hashed into the key, stored with the run). */
  config: unknown;
  /** Keys of the runs and fingerprints consumed. */
  inputs: string[];
  /** Path under the root seed, e.g. ['lddm-stage1', '7:3']. */
  seedPath: string[];
  /** Params recorded at the start (labels for reports: ratio, generator, ...). */
  params?: Record<string, unknown>;
}

/** A spec's run identity: its seed derived from the root seed joins the config, then the key. */
export function keyedOf(ctx: Pick<PipelineContext, 'profile' | 'sourceVersion'>, spec: StepSpec): Keyed {
  const seed = deriveSeed(ctx.profile.runtime.seed, ...spec.seedPath);
  const config = { ...(spec.config as object), seed };
  const key = runKey({ kind: spec.kind, config, inputs: spec.inputs, sourceVersion: ctx.sourceVersion });
  return { kind: spec.kind, key, config, inputs: spec.inputs, seed, sourceVersion: ctx.sourceVersion, params: spec.params };
}

/** A step's finished run as the callers of the ensure functions read it. */
export interface StepOutcome<T> {
  outcome: ReuseOrRunResult<T>;
  /** The step's own folder: <stateDir>/runs/<kind>-<key prefix>, stable across retries. */
  dir: string;
  key: string;
  seed: number;
}

export const outcomeOf = <T>(done: Done): StepOutcome<T> => ({
  outcome: done.reused ? { reused: true, run: done.run } : { reused: false, run: done.run, result: done.result as T },
  dir: done.dir,
  key: done.keyed.key,
  seed: done.keyed.seed,
});

/** What the scheduler takes of a pipeline context. */
export const graphContext = (ctx: PipelineContext): GraphContext => ({
  registry: ctx.registry,
  stateDir: ctx.stateDir,
  profile: ctx.profile.name,
  experiment: ctx.experiment,
  force: ctx.force,
  log: ctx.log,
});
