// The generators Table 1 and Table 2 compare, behind one face: their training steps, in order,
// and a sampler that makes one clip per condition frame x0. LDDM samples z' with its latent DDPM;
// the cINN samples z' with its flow; both decode with the stage-1 decoder (the paper's Sec. 2.3
// and the cINN baseline's sampling). Models are loaded only when something is to be made.
import type { GeneratorId } from '@lddm/config';
import { synthesizeWithCinn } from '@lddm/cinn-baseline';
import { synthesizeClips, type ConditionImages } from '@lddm/lddm-core';
import type { Rng } from '@lddm/runtime';
import type { PipelineContext, StepOutcome } from './context';
import { ensureCinnCond, ensureCinnFlow, loadCinn } from './cinn';
import { ensureLddmStage1, ensureLddmStage2, ensureStage1, loadLddm } from './lddm';


type Ensure = (ctx: PipelineContext, ratio: string) => Promise<StepOutcome<void>>;

/** Each generator's training steps, in order, with the label they are shown under. */
export const GENERATOR_STEPS: Readonly<Record<GeneratorId, ReadonlyArray<readonly [string, Ensure]>>> = {
  lddm: [
    ['stage 1', ensureLddmStage1],
    ['stage 2', ensureLddmStage2],
  ],
  cinn: [
    ['stage 1', (ctx, ratio) => ensureStage1(ctx, ratio, ctx.profile.cinn.shareStage1 ? 'lddm' : 'cinn')],
    ['condition VAE', ensureCinnCond],
    ['flow', ensureCinnFlow],
  ],
};

/** Trains (or reuses) every step of a generator on a split; returns each step's outcome. */
export async function ensureGenerator(ctx: PipelineContext, id: GeneratorId, ratio: string): Promise<Array<[string, StepOutcome<void>]>> {
  const done: Array<[string, StepOutcome<void>]> = [];
  for (const [label, ensure] of GENERATOR_STEPS[id]) done.push([label, await ensure(ctx, ratio)]);
  return done;
}

export interface GeneratorSampler {
  synthesize(images: ConditionImages, rng: Rng, label: string): { data: Float32Array; shape: [number, number, number, number, number] };
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

const openers: Readonly<Record<GeneratorId, (ctx: PipelineContext, ratio: string) => Promise<GeneratorSampler>>> = {
  lddm: async (ctx, ratio) => {
    const { autoencoder, ddpm } = await loadLddm(ctx, ratio);
    const { sampler, batchSize } = ctx.profile.lddm.stage2;
    return {
      synthesize: (images, rng, label) => synthesizeClips({ autoencoder, ddpm, images, sampler, batchSize, rng, label }),
      dispose: () => {
        autoencoder.dispose();
        ddpm.dispose();
      },
    };
  },
  cinn: async (ctx, ratio) => {
    const { autoencoder, vae, flow, latentShape } = await loadCinn(ctx, ratio);
    const batchSize = ctx.profile.lddm.stage2.batchSize;
    return {
      synthesize: (images, rng, label) => synthesizeWithCinn({ autoencoder, vae, flow, latentShape, images, batchSize, rng, label }),
      dispose: () => {
        for (const m of [autoencoder, vae, flow]) m.dispose();
      },
    };
  },
};

/** How each generator samples, recorded with (and hashed into) every synthesis. */
const sampling = (ctx: PipelineContext, id: GeneratorId): Record<string, unknown> =>
  id === 'lddm'
    ? { sampler: { ...ctx.profile.lddm.stage2.sampler }, batchSize: ctx.profile.lddm.stage2.batchSize }
    : // The reference samples at temperature 1; the stage-2 batch size is reused.
      { prior: 'N(0, I)', temperature: 1, batchSize: ctx.profile.lddm.stage2.batchSize };

/** A trained generator of a split (training what is missing); its models load on open(). */
export async function loadGenerator(ctx: PipelineContext, id: GeneratorId, ratio: string): Promise<VideoGenerator> {
  const steps = await ensureGenerator(ctx, id, ratio);
  return { id, runKeys: steps.map(([, s]) => s.key), sampling: sampling(ctx, id), open: () => openers[id](ctx, ratio) };
}
