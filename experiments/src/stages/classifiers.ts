// Table 2, stage 4: model x ratio x regime x seed, evaluated on each split's test videos, one step
// each, run together in worker processes; then Table 2 as plain Markdown (mean ± std over seeds beside the paper).
import { GridFailedError, gridCells, gridRunner, gridSteps, pipelineDataStep, type GridReport } from '@lddm/pipeline';
import { collectTable2, table2Markdown } from '@lddm/reporting';
import type { Stage } from './stage';

export const classifiersStage: Stage = {
  id: 'classifiers',
  title: 'classifiers',
  tables: ['table2'],
  plan: ({ grid, classifiers }) => {
    const n = grid.models.length * grid.ratios.length * grid.regimes.length * grid.seeds;
    return `${grid.models.join('/')} x ${grid.ratios.length} ratios x ${grid.regimes.length} regimes x ${grid.seeds} seed(s) = ${n} runs, ${classifiers.train.epochs} epochs each; accuracy and F1`;
  },
  available: () => ({ ok: true }),
  build: (graph, { env, pipeline, workers, oversubscribe, experiment, log }) => {
    const cells = gridSteps(graph, env, graph.step('data', () => pipelineDataStep(env)), gridCells(env.profile));
    const report: GridReport = { cells: 0, skipped: 0, ran: 0, failed: [] };
    return {
      batches: pipeline && { grid: gridRunner(pipeline, cells, { workers, oversubscribe, log }, report) },
      after: async ({ registry }) => {
        if (report.failed.length > 0) throw new GridFailedError(report);
        log(table2Markdown(collectTable2(registry, { experiment })));
      },
    };
  },
};
