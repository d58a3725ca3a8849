// The Table 2 grid: every model x ratio x regime x seed of profile.grid, one step (registry run)
// each, in the batch 'grid': the scheduler makes what the cells read first (data, generators,
// syntheses) and reuses the finished cells; the runner here runs the others, in this process
// (workers = 1) or in worker processes. A failed cell is recorded failed and the grid goes on;
// the failures are reported (thrown) at the end.
import { availableParallelism } from 'node:os';
import { backendInfo, createProgress } from '@lddm/runtime';
import type { Profile } from '@lddm/config';
import { graphContext, type PipelineContext } from '../context';
import { Graph, type Done, type StepRef } from '../dag/graph';
import { doneOf, runGraph, type BatchItem, type BatchRunner } from '../dag/run-graph';
import { pipelineDataStep, type PipelineData } from '../datasets';
import { synthesisStep } from '../synthesis';
import { cellLabel, regimeParts, type ClassifierCell } from './cell';
import { cellStepName, classifierCellStep, type CellEnv, type CellInputs } from './classifier-cell';
import { firstLineOf, type GridTask } from './grid-worker';
import { runInWorkers } from './worker-pool';

export function gridCells(profile: Profile): ClassifierCell[] {
  const { models, ratios, regimes, seeds } = profile.grid;
  return models.flatMap((model) => ratios.flatMap((ratio) => regimes.flatMap((regime) => Array.from({ length: seeds }, (_, seed) => ({ model, ratio, regime, seed })))));
}

export interface GridReport {
  cells: number;
  /** Finished before this call (skipped). */
  skipped: number;
  ran: number;
  failed: Array<{ cell: ClassifierCell; error: string }>;
}

export class GridFailedError extends Error {
  override readonly name = 'GridFailedError';
  constructor(readonly report: GridReport) {
    super(`${report.failed.length} of ${report.cells} classifier cells failed: ${report.failed.map((f) => `${cellLabel(f.cell)} (${f.error})`).join('; ')}`);
  }
}

/** A cell of the grid and the steps it reads. */
export interface GridCell {
  cell: ClassifierCell;
  refs: CellInputs;
}

/** The cells as steps of the graph (batch 'grid'), each after the data and the synthesis its regime trains on. */
export function gridSteps(graph: Graph, ctx: CellEnv & Pick<PipelineContext, 'root'>, dataRef: StepRef<PipelineData>, cells: readonly ClassifierCell[]): Map<string, GridCell> {
  const steps = new Map<string, GridCell>();
  for (const cell of cells) {
    const { generator } = regimeParts(cell.regime);
    const refs = { data: dataRef, synthesis: generator === null ? undefined : synthesisStep(graph, ctx, dataRef, generator, cell.ratio, 'busi') };
    steps.set(graph.step(cellStepName(cell), () => classifierCellStep(ctx, cell, refs)).name, { cell, refs });
  }
  return steps;
}

/** The task a worker is handed for a cell: its key and the runs it reads, by key. */
function taskOf(item: BatchItem, { cell, refs }: GridCell): GridTask {
  const made = refs.synthesis && item.inputs.get(refs.synthesis);
  const synthetic = made && { generator: regimeParts(cell.regime).generator!, ratio: cell.ratio, key: made.keyed.key, busvDir: made.busvDir };
  return { cell, key: item.keyed.key, dataKey: item.inputs.done(refs.data).keyed.key, synthetic };
}

export interface ClassifierGridOptions {
  /** Worker processes; 1 runs the cells in this process. At most one per core unless oversubscribe. */
  workers?: number;
  /** Allow more workers than cores (--workers-max-override). */
  oversubscribe?: boolean;
  /** Default: profile.grid's cells. */
  cells?: readonly ClassifierCell[];
  log?: (line: string) => void;
}

/**
 * Worker processes for `cells` cells: as asked, but no more than the cells and, unless
 * oversubscribe, than the cores. More processes than cores only add memory and contention (each
 * is a single-threaded wasm process): --workers 1000 once started 12 processes, 2.9 GB, on 2 cores.
 */
export function gridWorkers(asked: number, cells: number, cores: number, oversubscribe: boolean): { workers: number; capped: boolean } {
  const allowed = oversubscribe ? asked : Math.min(asked, cores);
  return { workers: Math.max(1, Math.min(allowed, cells)), capped: allowed < asked && cells > allowed };
}

/**
 * Runs the grid's cells that are to run, here (workers = 1) or in worker processes, and fills
 * `report`; a failed cell is recorded failed and the others go on.
 */
export function gridRunner(ctx: PipelineContext, cells: ReadonlyMap<string, GridCell>, options: ClassifierGridOptions, report: GridReport): BatchRunner {
  const log = options.log ?? ctx.log;
  return async (items, here, reused) => {
    Object.assign(report, { cells: items.length + reused, skipped: reused });
    const { workers, capped } = gridWorkers(options.workers ?? 1, items.length, availableParallelism(), options.oversubscribe === true);
    if (capped) log(`classifier grid: --workers ${options.workers} capped at this machine's ${availableParallelism()} cores (pass --workers-max-override to allow more)`);
    log(`classifier grid: ${report.cells} cells, ${report.skipped} finished, ${items.length} to run${items.length > 0 ? ` (${workers} worker${workers === 1 ? '' : 's'})` : ''}`);
    const progress = createProgress({ label: 'classifier grid', total: report.cells, unit: 'cell' });
    progress.tick(report.skipped);
    const results = new Map<string, Done | Error>();
    const cellOf = (name: string) => cells.get(name)!.cell;
    const settle = (item: BatchItem, result: Done | Error) => {
      results.set(item.def.name, result);
      if (result instanceof Error) {
        report.failed.push({ cell: cellOf(item.def.name), error: result.message });
        log(`classifier ${cellLabel(cellOf(item.def.name))}: FAILED: ${result.message}`);
      } else report.ran += 1;
      progress.tick(1, { failed: report.failed.length });
    };
    if (workers <= 1) {
      for (const item of items) settle(item, await here(item).catch((error: unknown) => new Error(firstLineOf(error))));
    } else {
      const header = {
        profile: ctx.profile,
        sourceVersion: ctx.sourceVersion,
        root: ctx.root,
        stateDir: ctx.stateDir,
        dbPath: ctx.registry.path,
        experiment: ctx.experiment,
        force: ctx.force,
        backend: backendInfo().name,
        workers,
      };
      const byKey = new Map(items.map((item) => [item.keyed.key, item]));
      const tasks = items.map((item) => taskOf(item, cells.get(item.def.name)!));
      await runInWorkers({
        header,
        tasks,
        workers,
        log,
        onEvent: (task, event) => {
          const item = byKey.get(task.key)!;
          const run = event.type === 'done' ? ctx.registry.getRun(event.runId) : undefined;
          settle(item, run === undefined ? new Error(event.type === 'failed' ? event.error : `run ${task.key.slice(0, 12)} is not in the registry`) : doneOf(ctx.registry, ctx.stateDir, item.def, item.keyed, run, event.type === 'done' && event.reused));
        },
      });
    }
    progress.done({ ran: report.ran, skipped: report.skipped, failed: report.failed.length });
    return items.map((item) => results.get(item.def.name) ?? new Error('no result'));
  };
}

/** The grid of the profile (or options.cells) with what it needs first: data, generators, syntheses. */
export async function runClassifierGrid(ctx: PipelineContext, options: ClassifierGridOptions = {}): Promise<GridReport> {
  const graph = new Graph();
  const cells = gridSteps(graph, ctx, graph.step('data', () => pipelineDataStep(ctx)), options.cells ?? gridCells(ctx.profile));
  const report: GridReport = { cells: 0, skipped: 0, ran: 0, failed: [] };
  await runGraph(graph, graphContext(ctx), { grid: gridRunner(ctx, cells, options, report) });
  if (report.failed.length > 0) throw new GridFailedError(report);
  return report;
}

/** Each cell with its key and the synthesis it trains on (the data, generators and syntheses made first). */
export async function planGrid(ctx: PipelineContext, cells: readonly ClassifierCell[]): Promise<GridTask[]> {
  const graph = new Graph();
  const steps = gridSteps(graph, ctx, graph.step('data', () => pipelineDataStep(ctx)), cells);
  let tasks: GridTask[] = [];
  // Every cell (finished or not, hence forced) is handed over unrun: their tasks are the plan.
  await runGraph(graph, { ...graphContext(ctx), force: (name) => steps.has(name) || ctx.force === true }, {
    grid: async (items) => {
      tasks = items.map((item) => taskOf(item, steps.get(item.def.name)!));
      return items.map(() => new Error('planned, not run'));
    },
  });
  return tasks;
}
