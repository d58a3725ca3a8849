// Table 1, stage 3: generate from the first frame of each test video; FVD, DTFVD, LPIPS, DIV.
import { notImplemented, type Stage } from './stage';

export const metricsStage: Stage = {
  id: 'metrics',
  title: 'video metrics',
  tables: ['table1'],
  plan: ({ grid, metrics }) =>
    `${grid.table1.generators.join(', ')} on the ${grid.table1.ratio} test videos: FVD (${metrics.fvd.extractor}), DTFVD (${metrics.dtfvd.extractor}), ` +
    `LPIPS (${metrics.lpips.extractor}), DIV (${metrics.div.samples} samples, ${metrics.div.distance}); ${metrics.frames} frames at ${metrics.size} px`,
  available: notImplemented('@lddm/metrics'),
};
