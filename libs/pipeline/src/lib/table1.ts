// One row of Table 1 as a registry run (kind 'table1', the contract of @lddm/reporting): the
// generator's videos from the first frame of each test video (metrics.div.samples per video, the
// synthesis run) scored against the real first test clips: FVD, DTFVD, LPIPS, DIV, SSIM, PSNR.
// The key holds the synthesis and data keys, the metrics section and each extractor's weights
// identity (file sha256 or seeded), so other weights make another row, never overwrite one. With
// metrics.inDomain.enabled the row also scores fvd_in_domain with the split's own trained I3D,
// whose run key is one of the row's inputs.
import { resolve } from 'node:path';
import { ensureStep, type PipelineContext, type StepOutcome } from './context';
import { pipelineData } from './datasets';
import type { GeneratorId } from '@lddm/config';
import { ensureSynthesis, synthesisBusvDir, testFirstClips } from './synthesis';
import { chooseExtractorWeights, weightsDirOf, type ExtractorWeightsChoice } from './table1/extractor-weights';
import { IN_DOMAIN_CLASSES, inDomainWeights } from './table1/in-domain-i3d';
import { FVD_GENERATED, PIXEL_METRICS_RESOLUTION, scoreTable1, type Table1Score } from './table1/table1-scores';
import { loadTable1Videos } from './table1/table1-videos';

export interface Table1RowResult {
  scores: Table1Score[];
}

/** The extractor ids the profile's Table 1 columns use. */
export const table1ExtractorIds = (ctx: PipelineContext): string[] => {
  const m = ctx.profile.metrics;
  return [...new Set([m.fvd.extractor, m.dtfvd.extractor, m.lpips.extractor, m.div.extractor])];
};

/** `force` recomputes this row only (ctx.force recomputes every step it consumes as well). */
export async function ensureTable1Row(ctx: PipelineContext, generator: GeneratorId, ratio: string, options: { force?: boolean } = {}): Promise<StepOutcome<Table1RowResult>> {
  const data = await pipelineData(ctx);
  const { weightsDir: _dir, ...metrics } = ctx.profile.metrics;
  const samples = metrics.div.samples;
  const synthesis = await ensureSynthesis(ctx, generator, ratio, 'test', { samples });
  const choices = new Map<string, ExtractorWeightsChoice>(table1ExtractorIds(ctx).map((id) => [id, chooseExtractorWeights(ctx, id)]));
  const weightsOf = (id: string): ExtractorWeightsChoice => choices.get(id) ?? chooseExtractorWeights(ctx, id);
  const inDomain = metrics.inDomain.enabled ? await inDomainWeights(ctx, ratio) : undefined;
  const weightsKey = Object.fromEntries([...choices, ...(inDomain === undefined ? [] : [[inDomain.choice.extractor, inDomain.choice] as const])].map(([id, c]) => [id, c.fileSha256 ?? `seeded-init:${c.seed}`]));
  const config = { generator, ratio, metrics, weights: weightsKey, fvdGenerated: FVD_GENERATED, pixelMetrics: PIXEL_METRICS_RESOLUTION };
  const folder = weightsDirOf(ctx);
  const params = { generator, ratio, samples, fvdGenerated: FVD_GENERATED, pixelMetricsResolution: PIXEL_METRICS_RESOLUTION, weightsDir: folder?.dir ?? 'none', weightsDirFrom: folder?.from ?? 'none' };
  const stepCtx = options.force ? { ...ctx, force: true } : ctx;
  return ensureStep(stepCtx, { kind: 'table1', config, inputs: [synthesis.key, data.key, ...(inDomain === undefined ? [] : [inDomain.key])], seedPath: ['table1', generator, ratio], params }, async (run) => {
    const busvDir = synthesis.outcome.result?.busvDir ?? synthesisBusvDir(ctx.registry.artifacts(synthesis.outcome.run.id));
    const real = testFirstClips(data, ratio);
    const videos = await loadTable1Videos(ctx, busvDir, real, samples);
    run.logParams({ realVideos: real.count, generatedVideos: real.count * samples, synthesisRun: synthesis.outcome.run.id, frames: metrics.frames, size: metrics.size });
    const { scores, featureDims } = await scoreTable1({
      videos,
      metrics: ctx.profile.metrics,
      weights: weightsOf,
      cacheDir: resolve(ctx.root, ctx.profile.data.cacheDir, 'features'),
      realSetKey: `real:${data.key}:${ratio}:test-first-clips`,
      generatedSetKey: `synthesis:${synthesis.key}`,
      inDomain: inDomain === undefined ? undefined : { weights: inDomain.choice, classes: IN_DOMAIN_CLASSES },
    });
    run.logParams({ featureDims, extractors: Object.fromEntries(scores.map((s) => [s.name, { extractor: s.extra['extractor'], weightsSource: s.extra['weightsSource'], weightsSha256: s.extra['weightsSha256'], weightsPath: s.extra['weightsPath'] ?? null }])) });
    run.logMetrics(scores.map((s) => ({ name: s.name, value: s.value, split: 'test', extra: s.extra })));
    ctx.log(`table1 ${generator} ${ratio}: ${scores.map((s) => `${s.name} ${s.value.toPrecision(4)}`).join(', ')}`);
    return { scores };
  });
}
