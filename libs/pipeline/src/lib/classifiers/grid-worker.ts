// A grid worker: a process with its own tensor backend that runs the cells it is handed, one
// line of JSON each on stdin after a header line, and answers one event line per cell on stdout.
// The header carries the parent's resolved profile and source version, so every key the worker
// computes is the key the parent computed; the registry (SQLite, WAL) takes concurrent writers.
import type { Profile } from '@lddm/config';
import { openRegistry } from '@lddm/registry';
import { configureNative, initBackend, parseBackendChoice, resolveThreads } from '@lddm/runtime';
import { pipelineContext, type PipelineContext } from '../context';
import { cellLabel, type ClassifierCell, type SyntheticSource } from './cell';
import { ensureClassifierCell } from './classifier-cell';

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
  /** The data run key of the plan (see ensureClassifierCell). */
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

/** Runs one task in a context; never throws (a failed cell is recorded failed by ensureStep). */
export async function runGridTask(ctx: PipelineContext, task: GridTask): Promise<TaskEvent> {
  try {
    const step = await ensureClassifierCell(ctx, task.cell, { synthetic: task.synthetic, dataKey: task.dataKey });
    if (step.key !== task.key) ctx.log(`warning: ${cellLabel(task.cell)} has key ${step.key.slice(0, 12)} here, ${task.key.slice(0, 12)} in the parent (the source changed meanwhile?)`);
    const test = step.outcome.result?.test;
    return { type: 'done', key: step.key, runId: step.outcome.run.id, reused: step.outcome.reused, accuracy: test?.accuracy.estimate, f1: test?.f1.estimate };
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
