// One row of Table 1 as a registry run (kind 'table1', the contract of @lddm/reporting): the
// generator's videos from the first frame of each test video (metrics.div.samples per video, the
// synthesis run) scored against the real first test clips: FVD, DTFVD, LPIPS, DIV, SSIM, PSNR.
// The key holds the synthesis and data keys, the metrics section and each extractor's weights
// identity (file sha256 or seeded), so other weights make another row, never overwrite one. With
// metrics.inDomain.enabled the row also scores fvd_in_domain with the split's own trained I3D,
// whose run key is one of the row's inputs.
import { resolve } from 'node:path';
import { graphContext, keyedOf, outcomeOf, type PipelineContext, type StepOutcome } from './context';
import { Graph, type Done, type StepRef } from './dag/graph';
import { runGraph } from './dag/run-graph';
import { pipelineDataStep, type PipelineData } from './datasets';
import type { GeneratorId } from '@lddm/config';
import { synthesisStep, testFirstClips } from './synthesis';
import { chooseExtractorWeights, weightsDirOf, type ExtractorWeightsChoice } from './table1/extractor-weights';
import { IN_DOMAIN_CLASSES, inDomainI3dStep, inDomainWeights } from './table1/in-domain-i3d';
import { FVD_GENERATED, PIXEL_METRICS_RESOLUTION, scoreTable1, type Table1Score } from './table1/table1-scores';
import { loadTable1Videos } from './table1/table1-videos';

export interface Table1RowResult {
  scores: Table1Score[];
}

/** The extractor ids the profile's Table 1 columns use. */
export const table1ExtractorIds = (ctx: Pick<PipelineContext, 'profile'>): string[] => {
  const m = ctx.profile.metrics;
  return [...new Set([m.fvd.extractor, m.dtfvd.extractor, m.lpips.extractor, m.div.extractor])];
};

/** One row of Table 1 as a step: after the generator's synthesis from the test first frames (and the in-domain I3D). */
export function table1RowStep(graph: Graph, ctx: Pick<PipelineContext, 'profile' | 'root' | 'sourceVersion' | 'log'>, dataRef: StepRef<PipelineData>, generator: GeneratorId, ratio: string): StepRef<Done<Table1RowResult>> {
  const name = `table1 ${generator} ${ratio}`;
  return graph.step(name, () => {
    const { weightsDir: _dir, ...metrics } = ctx.profile.metrics;
    const samples = metrics.div.samples;
    const synthesisRef = synthesisStep(graph, ctx, dataRef, generator, ratio, 'test', { samples });
    const inDomainRef = metrics.inDomain.enabled ? inDomainI3dStep(graph, ctx, dataRef, ratio) : undefined;
    const folder = weightsDirOf(ctx);
    const params = { generator, ratio, samples, fvdGenerated: FVD_GENERATED, pixelMetricsResolution: PIXEL_METRICS_RESOLUTION, weightsDir: folder?.dir ?? 'none', weightsDirFrom: folder?.from ?? 'none' };
    // The weights each extractor uses, read when the key is computed and kept for the run.
    let choices = new Map<string, ExtractorWeightsChoice>();
    let inDomain: ExtractorWeightsChoice | undefined;
    return {
      name,
      needs: [dataRef, synthesisRef, ...(inDomainRef ? [inDomainRef] : [])],
      keyed: (view) => {
        choices = new Map<string, ExtractorWeightsChoice>(table1ExtractorIds(ctx).map((id) => [id, chooseExtractorWeights(ctx, id)]));
        // The in-domain I3D's weights file is hashed into the key: known once it has run.
        const trained = inDomainRef && view.finished(inDomainRef);
        inDomain = trained && inDomainWeights(trained, trained.run.seed);
        const weightsKey = Object.fromEntries([...choices, ...(inDomain === undefined ? [] : [[inDomain.extractor, inDomain] as const])].map(([id, c]) => [id, c.fileSha256 ?? `seeded-init:${c.seed}`]));
        const config = { generator, ratio, metrics, weights: weightsKey, fvdGenerated: FVD_GENERATED, pixelMetrics: PIXEL_METRICS_RESOLUTION };
        const inputs = [view.keyed(synthesisRef).key, view.keyed(dataRef).key, ...(inDomainRef ? [view.keyed(inDomainRef).key] : [])];
        return keyedOf(ctx, { kind: 'table1', config, inputs, seedPath: ['table1', generator, ratio], params });
      },
      compute: async (inputs, run) => {
        const data = inputs.get(dataRef);
        const synthesis = inputs.get(synthesisRef);
        const weightsOf = (id: string): ExtractorWeightsChoice => choices.get(id) ?? chooseExtractorWeights(ctx, id);
        const busvDir = synthesis.busvDir;
        const real = testFirstClips(data, ratio);
        const videos = await loadTable1Videos(ctx, busvDir, real, samples);
        run.logParams({ realVideos: real.count, generatedVideos: real.count * samples, synthesisRun: synthesis.run.id, frames: metrics.frames, size: metrics.size });
        const { scores, featureDims } = await scoreTable1({
          videos,
          metrics: ctx.profile.metrics,
          weights: weightsOf,
          cacheDir: resolve(ctx.root, ctx.profile.data.cacheDir, 'features'),
          realSetKey: `real:${data.key}:${ratio}:test-first-clips`,
          generatedSetKey: `synthesis:${synthesis.keyed.key}`,
          inDomain: inDomain === undefined ? undefined : { weights: inDomain, classes: IN_DOMAIN_CLASSES },
        });
        run.logParams({ featureDims, extractors: Object.fromEntries(scores.map((s) => [s.name, { extractor: s.extra['extractor'], weightsSource: s.extra['weightsSource'], weightsSha256: s.extra['weightsSha256'], weightsPath: s.extra['weightsPath'] ?? null }])) });
        run.logMetrics(scores.map((s) => ({ name: s.name, value: s.value, split: 'test', extra: s.extra })));
        ctx.log(`table1 ${generator} ${ratio}: ${scores.map((s) => `${s.name} ${s.value.toPrecision(4)}`).join(', ')}`);
        return { scores };
      },
    };
  });
}

/** `force` recomputes this row only (ctx.force recomputes every step it consumes as well). */
export async function ensureTable1Row(ctx: PipelineContext, generator: GeneratorId, ratio: string, options: { force?: boolean } = {}): Promise<StepOutcome<Table1RowResult>> {
  const graph = new Graph();
  const ref = table1RowStep(graph, ctx, graph.step('data', () => pipelineDataStep(ctx)), generator, ratio);
  const force = options.force ? (name: string) => ctx.force === true || name === ref.name : ctx.force;
  const { done } = await runGraph(graph, { ...graphContext(ctx), force });
  return outcomeOf<Table1RowResult>(done.get(ref.name)!);
}
