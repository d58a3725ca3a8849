// A grid worker: a process with its own tensor backend that runs the cells it is handed, one
// line of JSON each on stdin after a header line, and answers one event line per cell on stdout.
// The header carries the parent's resolved profile and source version, so every key the worker
// computes is the key the parent computed; the registry (SQLite, WAL) takes concurrent writers.
import type { Profile } from '@lddm/config';
import { openRegistry } from '@lddm/registry';
import { configureNative, initBackend, parseBackendChoice, resolveThreads } from '@lddm/runtime';
import { graphContext, pipelineContext, type PipelineContext } from '../context';
import type { Done } from '../dag/graph';
import { doneOfRun, runStep } from '../dag/run-graph';
import { pipelineDataOfRun, type PipelineData } from '../datasets';
import { cellLabel, type ClassifierCell, type SyntheticSource } from './cell';
import { classifierCellStep, type ClassifierCellResult } from './classifier-cell';

export interface GridJobHeader {
  profile: Profile;
  sourceVersion: string;
  root: string;
  stateDir: string;
  dbPath: string;
  experiment?: string;
  force?: boolean;
  backend: string;
  /** Worker processes running at once (their native threads share the cores). */
  workers: number;
}

export interface GridTask {
  cell: ClassifierCell;
  /** The key the parent computed (the worker checks it gets the same). */
  key: string;
  /** The parent's data run: the worker loads its data, it does not run the data step. */
  dataKey: string;
  synthetic?: SyntheticSource;
}

export type GridEvent =
  | { type: 'ready'; backend: string }
  /** key: the key the worker computed (the parent's task.key unless the plan went stale). */
  | { type: 'done'; key: string; runId: number; reused: boolean; accuracy?: number; f1?: number }
  | { type: 'failed'; key: string; error: string };

/** What a task ends with. */
export type TaskEvent = Extract<GridEvent, { type: 'done' | 'failed' }>;

/** The line prefix of events on stdout (anything else a library prints there is passed on as log). */
export const EVENT_PREFIX = '@@grid ';

export const firstLineOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

const dataOf = new WeakMap<PipelineContext, Map<string, Promise<PipelineData>>>();

/** The data of the parent's data run, loaded once per worker. */
function workerData(ctx: PipelineContext, key: string): Promise<PipelineData> {
  const loaded = dataOf.get(ctx) ?? dataOf.set(ctx, new Map()).get(ctx)!;
  const p = loaded.get(key) ?? pipelineDataOfRun(ctx, key);
  loaded.set(key, p);
  return p;
}

/** Runs one task in a context; never throws (a failed cell is recorded failed by its run). */
export async function runGridTask(ctx: PipelineContext, task: GridTask): Promise<TaskEvent> {
  try {
    // The cell's upstream runs are the parent's, by key: the worker makes none of them.
    const data = { name: 'data' };
    const synthesis = task.synthetic && { name: 'synthesis' };
    const given = new Map<string, { output: unknown; done: Done }>([[data.name, { output: await workerData(ctx, task.dataKey), done: doneOfRun(ctx.registry, ctx.stateDir, data.name, task.dataKey) }]]);
    if (synthesis && task.synthetic) {
      const done = doneOfRun(ctx.registry, ctx.stateDir, synthesis.name, task.synthetic.key);
      given.set(synthesis.name, { output: { ...done, busvDir: task.synthetic.busvDir }, done });
    }
    const step = await runStep(graphContext(ctx), classifierCellStep(ctx, task.cell, { data, synthesis }), given);
    if (step.keyed.key !== task.key) ctx.log(`warning: ${cellLabel(task.cell)} has key ${step.keyed.key.slice(0, 12)} here, ${task.key.slice(0, 12)} in the parent (the source changed meanwhile?)`);
    const test = (step.result as ClassifierCellResult | undefined)?.test;
    return { type: 'done', key: step.keyed.key, runId: step.run.id, reused: step.reused, accuracy: test?.accuracy.estimate, f1: test?.f1.estimate };
  } catch (error) {
    return { type: 'failed', key: task.key, error: firstLineOf(error) };
  }
}

/** The worker's loop over its input lines: header first, then tasks until the input ends. */
export async function runGridWorker(lines: AsyncIterable<string>, emit: (event: GridEvent) => void, log: (line: string) => void): Promise<void> {
  let ctx: PipelineContext | undefined;
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      if (ctx === undefined) {
        const header = JSON.parse(line) as GridJobHeader;
        const info = await initBackend(parseBackendChoice(header.backend));
        const { native, threads } = header.profile.runtime;
        configureNative({ mode: native, threads: resolveThreads(threads, header.workers) });
        const registry = openRegistry({ path: header.dbPath });
        const base = pipelineContext({ profile: header.profile, registry, root: header.root, stateDir: header.stateDir, experiment: header.experiment, force: header.force, log });
        ctx = { ...base, sourceVersion: header.sourceVersion };
        emit({ type: 'ready', backend: info.name });
        continue;
      }
      emit(await runGridTask(ctx, JSON.parse(line) as GridTask));
    }
  } finally {
    ctx?.registry.close();
  }
}
