// Table 1, stage 3: generate from the first frame of each test video; FVD, DTFVD, LPIPS, DIV
// (and SSIM, PSNR), one registry run (kind 'table1') per generator, then the Markdown table.
import { pipelineDataStep, table1Report, table1RowStep } from '@lddm/pipeline';
import type { Stage } from './stage';

export const metricsStage: Stage = {
  id: 'metrics',
  title: 'video metrics',
  tables: ['table1'],
  plan: ({ grid, metrics }) =>
    `${grid.table1.generators.join(', ')} on the ${grid.table1.ratio} test videos: FVD (${metrics.fvd.extractor}), DTFVD (${metrics.dtfvd.extractor}), ` +
    `LPIPS (${metrics.lpips.extractor}), DIV (${metrics.div.samples} samples, ${metrics.div.distance})` +
    `${metrics.inDomain.enabled ? `, FVD with an in-domain I3D trained on the split (${metrics.inDomain.epochs} epochs)` : ''}; ${metrics.frames} frames at ${metrics.size} px` +
    `; weights ${metrics.weightsDir ?? (process.env.LDDM_WEIGHTS_DIR ? `$LDDM_WEIGHTS_DIR (${process.env.LDDM_WEIGHTS_DIR})` : 'seeded')}`,
  available: () => ({ ok: true }),
  build: (graph, { env, profile, experiment, log }) => {
    const { ratio, generators } = profile.grid.table1;
    const data = graph.step('data', () => pipelineDataStep(env));
    for (const generator of generators) table1RowStep(graph, env, data, generator, ratio);
    return { after: async ({ registry }) => log(`Table 1 (${experiment}):\n\n${table1Report(registry, { experiment, ratio, generators }).markdown}`) };
  },
};
