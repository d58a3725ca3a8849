// The one way a CLI opens the pipeline: profile (with --set / --seed / --backend applied), the
// tensor backend the profile asks for, the registry, and the context every step takes.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { openRunRegistry, resolveProfile } from '@lddm/cli-kit';
import { findWorkspaceRoot, type Profile } from '@lddm/config';
import { openRegistry, resolveDbPath, sourceVersion } from '@lddm/registry';
import { backendInfo, configureNative, describeNative, initBackend, parseBackendChoice, resolveThreads } from '@lddm/runtime';
import { pipelineContext, type PipelineContext, type StepEnv } from './context';
import type { RunLookup } from './dag/run-graph';

export interface PipelineArgs {
  profile: string;
  set?: readonly string[];
  seed?: number;
  backend?: string;
  db?: string;
  force?: boolean;
  /** The experiment runs are recorded under, or a function of the resolved profile. */
  experiment?: string | ((profile: Profile) => string);
}

export async function withPipeline<T>(args: PipelineArgs, log: (line: string) => void, fn: (ctx: PipelineContext) => Promise<T>): Promise<T> {
  const set = args.backend ? [...(args.set ?? []), `runtime.backend=${args.backend}`] : [...(args.set ?? [])];
  const profile = resolveProfile({ profile: args.profile, set, seed: args.seed });
  // --backend, else $LDDM_BACKEND, else the profile's runtime.backend.
  const info = await initBackend(parseBackendChoice(args.backend ?? process.env.LDDM_BACKEND ?? profile.runtime.backend));
  // Generator stages and a one-worker grid run alone in this process: 'auto' gives it every core.
  configureNative({ mode: profile.runtime.native, threads: resolveThreads(profile.runtime.threads, 1) });
  log(`backend: ${info.name} (${info.packageName} ${info.version}, ${info.threads} thread${info.threads === 1 ? '' : 's'}); native kernels: ${describeNative(backendInfo())}`);
  const registry = openRunRegistry(args.db);
  // Runs left 'running' by a process that died (killed mid-step, power cut) are closed as
  // 'interrupted'; their steps resume from their checkpoints when asked for again.
  for (const run of registry.markStaleRuns()) log(`run ${run.id} (${run.kind}) was left running by a process that is gone: marked interrupted`);
  try {
    return await fn(pipelineContext({ profile, registry, root: findWorkspaceRoot(), experiment: typeof args.experiment === 'function' ? args.experiment(profile) : args.experiment, force: args.force, log }));
  } finally {
    registry.close();
  }
}

/** What a plan is made from: the steps' environment and the registry to look runs up in. */
export interface PlanContext extends StepEnv {
  experiment?: string;
  force?: boolean;
  lookup: RunLookup;
}

const NO_RUNS: RunLookup = { findFinished: () => undefined, artifacts: () => [] };

/**
 * The pipeline for a plan: the profile and the keys' source version, the registry only if it
 * exists (none is created, no stale run is marked), no tensor backend.
 */
export async function withPlan<T>(args: PipelineArgs, log: (line: string) => void, fn: (ctx: PlanContext) => Promise<T>): Promise<T> {
  const profile = resolveProfile({ profile: args.profile, set: args.backend ? [...(args.set ?? []), `runtime.backend=${args.backend}`] : [...(args.set ?? [])], seed: args.seed });
  const path = resolveDbPath(args.db);
  const registry = existsSync(path) ? openRegistry({ path }) : undefined;
  const root = findWorkspaceRoot();
  try {
    return await fn({
      profile,
      root,
      stateDir: dirname(path),
      sourceVersion: sourceVersion(root),
      log,
      experiment: typeof args.experiment === 'function' ? args.experiment(profile) : args.experiment,
      force: args.force,
      lookup: registry ?? NO_RUNS,
    });
  } finally {
    registry?.close();
  }
}
