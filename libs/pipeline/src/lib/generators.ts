// The generators Table 1 and Table 2 compare, behind one face: their training steps, in order (as
// steps of a graph), and a sampler that makes one clip per condition frame x0. LDDM samples z' with its latent DDPM;
// the cINN samples z' with its flow; both decode with the stage-1 decoder (the paper's Sec. 2.3
// and the cINN baseline's sampling). Models are loaded only when something is to be made.
import type { GeneratorId } from '@lddm/config';
import { synthesizeWithCinn } from '@lddm/cinn-baseline';
import { synthesizeClips, type ConditionImages, type LatentStats } from '@lddm/lddm-core';
import type { Rng } from '@lddm/runtime';
import { graphContext, outcomeOf, type PipelineContext, type StepOutcome } from './context';
import { cinnCondStep, cinnFlowStep, loadCinn, stage1Owner } from './cinn';
import { Graph, type Done, type StepRef } from './dag/graph';
import { runGraph } from './dag/run-graph';
import { pipelineDataStep, type PipelineData } from './datasets';
import { lddmStage2Step, loadLddm, stage1Step, type GeneratorEnv } from './lddm';

/** Each generator's training steps on a split, in order, with the label they are shown under. */
export function generatorSteps(graph: Graph, ctx: GeneratorEnv, dataRef: StepRef<PipelineData>, id: GeneratorId, ratio: string): Array<readonly [string, StepRef<Done>]> {
  if (id === 'lddm') {
    const stage1 = stage1Step(graph, ctx, dataRef, ratio, 'lddm');
    return [
      ['stage 1', stage1],
      ['stage 2', lddmStage2Step(graph, ctx, dataRef, stage1, ratio)],
    ];
  }
  const stage1 = stage1Step(graph, ctx, dataRef, ratio, stage1Owner(ctx));
  const cond = cinnCondStep(graph, ctx, dataRef, ratio);
  return [
    ['stage 1', stage1],
    ['condition VAE', cond],
    ['flow', cinnFlowStep(graph, ctx, dataRef, { stage1, cond }, ratio)],
  ];
}

/** Trains (or reuses) every step of a generator on a split; returns each step's outcome. */
export async function ensureGenerator(ctx: PipelineContext, id: GeneratorId, ratio: string): Promise<Array<[string, StepOutcome<void>]>> {
  const graph = new Graph();
  const steps = generatorSteps(graph, ctx, graph.step('data', () => pipelineDataStep(ctx)), id, ratio);
  const { done } = await runGraph(graph, graphContext(ctx));
  return steps.map(([label, ref]) => [label, outcomeOf<void>(done.get(ref.name)!)]);
}

export interface GeneratorSampler {
  /** latentStats: LDDM's sampled latents against its training latents (issue 16's diagnostics). */
  synthesize(images: ConditionImages, rng: Rng, label: string): { data: Float32Array; shape: [number, number, number, number, number]; latentStats?: LatentStats };
  dispose(): void;
}

export interface VideoGenerator {
  id: GeneratorId;
  /** Keys of the runs whose weights this generator uses (inputs of what it makes). */
  runKeys: string[];
  /** How latents are sampled, for the run record. */
  sampling: Record<string, unknown>;
  /** Loads the trained models (from their checkpoints) into a sampler. */
  open(): Promise<GeneratorSampler>;
}

const openers: Readonly<Record<GeneratorId, (ctx: Pick<PipelineContext, 'profile'>, runs: readonly Done[]) => Promise<GeneratorSampler>>> = {
  lddm: async (ctx, [stage1, stage2]) => {
    const { autoencoder, ddpm } = await loadLddm(ctx, stage1, stage2);
    const { sampler, batchSize } = ctx.profile.lddm.stage2;
    return {
      synthesize: (images, rng, label) => synthesizeClips({ autoencoder, ddpm, images, sampler, batchSize, rng, label }),
      dispose: () => {
        autoencoder.dispose();
        ddpm.dispose();
      },
    };
  },
  cinn: async (ctx, [stage1, cond, flow]) => {
    const { autoencoder, vae, flow: model, latentShape } = await loadCinn(ctx, { stage1, cond, flow });
    const batchSize = ctx.profile.lddm.stage2.batchSize;
    return {
      synthesize: (images, rng, label) => synthesizeWithCinn({ autoencoder, vae, flow: model, latentShape, images, batchSize, rng, label }),
      dispose: () => {
        for (const m of [autoencoder, vae, model]) m.dispose();
      },
    };
  },
};

/** How each generator samples, recorded with (and hashed into) every synthesis. */
export const sampling = (ctx: Pick<PipelineContext, 'profile'>, id: GeneratorId): Record<string, unknown> =>
  id === 'lddm'
    ? { sampler: { ...ctx.profile.lddm.stage2.sampler }, batchSize: ctx.profile.lddm.stage2.batchSize }
    : // The reference samples at temperature 1; the stage-2 batch size is reused.
      { prior: 'N(0, I)', temperature: 1, batchSize: ctx.profile.lddm.stage2.batchSize };

/** A trained generator from its finished training runs (generatorSteps' order); its models load on open(). */
export function generatorOf(ctx: Pick<PipelineContext, 'profile'>, id: GeneratorId, runs: readonly Done[]): VideoGenerator {
  return { id, runKeys: runs.map((r) => r.keyed.key), sampling: sampling(ctx, id), open: () => openers[id](ctx, runs) };
}
