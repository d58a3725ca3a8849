// The Table 2 grid: every model x ratio x regime x seed of profile.grid, one registry run each.
// The syntheses the cells need are ensured first, here, one after another; then the cells whose
// key is not finished run, in this process (workers = 1) or in worker processes. A failed cell is
// recorded failed and the grid goes on; the failures are reported (thrown) at the end.
import { backendInfo, createProgress } from '@lddm/runtime';
import type { Profile } from '@lddm/config';
import type { PipelineContext } from '../context';
import { pipelineData } from '../datasets';
import { cellLabel, classifierCellSpec, regimeParts, stepKey, type ClassifierCell, type SyntheticSource } from './cell';
import { resolveSynthesis } from './classifier-cell';
import { runGridTask, type GridTask, type TaskEvent } from './grid-worker';
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

/** Each cell with its key and the synthesis it trains on (ensured first, sequentially). */
export async function planGrid(ctx: PipelineContext, cells: readonly ClassifierCell[]): Promise<GridTask[]> {
  const data = await pipelineData(ctx);
  const syntheses = new Map<string, SyntheticSource>();
  for (const cell of cells) {
    const { generator } = regimeParts(cell.regime);
    const id = `${generator}@${cell.ratio}`;
    if (generator !== null && !syntheses.has(id)) syntheses.set(id, await resolveSynthesis(ctx, generator, cell.ratio));
  }
  return cells.map((cell) => {
    const { generator } = regimeParts(cell.regime);
    const synthetic = generator === null ? undefined : syntheses.get(`${generator}@${cell.ratio}`);
    return { cell, key: stepKey(ctx, classifierCellSpec(ctx, cell, data.key, synthetic)), dataKey: data.key, synthetic };
  });
}

export interface ClassifierGridOptions {
  /** Worker processes; 1 runs the cells in this process. */
  workers?: number;
  /** Default: profile.grid's cells. */
  cells?: readonly ClassifierCell[];
  log?: (line: string) => void;
}

export async function runClassifierGrid(ctx: PipelineContext, options: ClassifierGridOptions = {}): Promise<GridReport> {
  const log = options.log ?? ctx.log;
  const tasks = await planGrid(ctx, options.cells ?? gridCells(ctx.profile));
  const pending = tasks.filter((t) => ctx.force || ctx.registry.findFinished(t.key) === undefined);
  const report: GridReport = { cells: tasks.length, skipped: tasks.length - pending.length, ran: 0, failed: [] };
  const workers = Math.max(1, Math.min(options.workers ?? 1, pending.length));
  log(`classifier grid: ${tasks.length} cells, ${report.skipped} finished, ${pending.length} to run${pending.length > 0 ? ` (${workers} worker${workers === 1 ? '' : 's'})` : ''}`);
  const progress = createProgress({ label: 'classifier grid', total: tasks.length, unit: 'cell' });
  progress.tick(report.skipped);
  const onEvent = (task: GridTask, event: TaskEvent) => {
    if (event.type === 'failed') {
      report.failed.push({ cell: task.cell, error: event.error });
      log(`classifier ${cellLabel(task.cell)}: FAILED: ${event.error}`);
    } else report.ran += 1;
    progress.tick(1, { failed: report.failed.length });
  };
  if (workers <= 1) {
    for (const task of pending) onEvent(task, await runGridTask(ctx, task));
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
    await runInWorkers({ header, tasks: pending, workers, onEvent, log });
  }
  progress.done({ ran: report.ran, skipped: report.skipped, failed: report.failed.length });
  if (report.failed.length > 0) throw new GridFailedError(report);
  return report;
}
