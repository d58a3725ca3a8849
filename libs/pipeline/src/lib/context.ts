// What every pipeline step needs: the resolved profile, the registry, where generated files go,
// and a logger. A step is "ensure X": reuse the finished run of X's key, or compute and record it.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Profile } from '@lddm/config';
import { reuseOrRun, runKey, sourceVersion, type Registry, type ReuseOrRunResult, type RunHandle } from '@lddm/registry';
import { backendInfo, deriveSeed, describeNative, nativeRunCounts } from '@lddm/runtime';

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

export function pipelineContext(options: Omit<PipelineContext, 'stateDir' | 'log' | 'sourceVersion'> & { stateDir?: string; log?: (line: string) => void }): PipelineContext {
  // Once per invocation: a file edited while a long experiment runs must not change the keys of
  // its later steps (they would no longer find the earlier ones).
  return { ...options, stateDir: options.stateDir ?? dirname(options.registry.path), sourceVersion: sourceVersion(options.root), log: options.log ?? (() => undefined) };
}

const announced = new WeakMap<PipelineContext, Set<string>>();

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

export interface StepOutcome<T> {
  outcome: ReuseOrRunResult<T>;
  /** The step's own folder: <stateDir>/runs/<kind>-<key prefix>, stable across retries. */
  dir: string;
  key: string;
  seed: number;
}

/** The folder of a step with this kind and key (its checkpoints survive a crash for the retry). */
export const stepDir = (ctx: PipelineContext, kind: string, key: string): string => join(ctx.stateDir, 'runs', `${kind}-${key.slice(0, 16)}`);

/** Reuses the finished run of this step's key or runs `fn` inside a recorded run. */
export async function ensureStep<T>(ctx: PipelineContext, spec: StepSpec, fn: (run: RunHandle, dir: string, seed: number) => Promise<T>): Promise<StepOutcome<T>> {
  const source = ctx.sourceVersion;
  const seed = deriveSeed(ctx.profile.runtime.seed, ...spec.seedPath);
  const config = { ...(spec.config as object), seed };
  const key = runKey({ kind: spec.kind, config, inputs: spec.inputs, sourceVersion: source });
  const dir = stepDir(ctx, spec.kind, key);
  const info = backendInfo();
  const outcome = await reuseOrRun(
    ctx.registry,
    {
      kind: spec.kind,
      key,
      config,
      inputs: spec.inputs,
      sourceVersion: source,
      seed,
      profile: ctx.profile.name,
      experiment: ctx.experiment,
      backend: { name: info.name, version: info.version, threads: info.threads },
      force: ctx.force,
    },
    async (run) => {
      mkdirSync(dir, { recursive: true });
      if (spec.params) run.logParams(spec.params);
      // Which kernel layer computed this run: the native provider and threads, and per kernel
      // how many calls ran natively during it (what fell back to wasm is the rest).
      const before = nativeRunCounts();
      run.logParams({ 'backend.native': describeNative(backendInfo()) });
      try {
        return await fn(run, dir, seed);
      } finally {
        const after = nativeRunCounts();
        const ran = Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - (before[k] ?? 0)]).filter(([, n]) => Number(n) > 0));
        run.logParams({ 'backend.nativeCalls': ran });
      }
    },
  );
  // Steps ask for the steps they consume again (to load them): say each run once.
  const seen = announced.get(ctx) ?? announced.set(ctx, new Set()).get(ctx)!;
  if (!seen.has(key)) ctx.log(`${spec.kind}${spec.params?.ratio ? ` ${String(spec.params.ratio)}` : ''}: run ${outcome.run.id} (${outcome.reused ? 'reused' : 'new'})`);
  seen.add(key);
  return { outcome, dir, key, seed };
}
