// The generators Table 1 and Table 2 compare, behind one face: given condition frames x0, make
// one clip per frame. LDDM samples z' with its latent DDPM; the cINN samples z' with its flow;
// both decode with the stage-1 decoder (the paper's Sec. 2.3 and the cINN baseline's sampling).
import { synthesizeWithCinn } from '@lddm/cinn-baseline';
import { synthesizeClips, type ConditionImages } from '@lddm/lddm-core';
import type { Rng } from '@lddm/runtime';
import type { PipelineContext } from './context';
import { loadCinn } from './cinn';
import { loadLddm } from './lddm';

export const GENERATORS = ['lddm', 'cinn'] as const;
export type GeneratorId = (typeof GENERATORS)[number];

export interface VideoGenerator {
  id: GeneratorId;
  /** Keys of the runs whose weights this generator uses (inputs of what it makes). */
  runKeys: string[];
  /** How latents are sampled, for the run record. */
  sampling: Record<string, unknown>;
  synthesize(images: ConditionImages, rng: Rng, label: string): { data: Float32Array; shape: [number, number, number, number, number] };
  dispose(): void;
}

type GeneratorLoader = (ctx: PipelineContext, ratio: string) => Promise<VideoGenerator>;

const loaders: Readonly<Record<GeneratorId, GeneratorLoader>> = {
  lddm: async (ctx, ratio) => {
    const { autoencoder, ddpm, runKeys } = await loadLddm(ctx, ratio);
    const sampler = ctx.profile.lddm.stage2.sampler;
    const batchSize = ctx.profile.lddm.stage2.batchSize;
    return {
      id: 'lddm',
      runKeys,
      sampling: { sampler: { ...sampler }, batchSize },
      synthesize: (images, rng, label) => synthesizeClips({ autoencoder, ddpm, images, sampler, batchSize, rng, label }),
      dispose: () => {
        autoencoder.dispose();
        ddpm.dispose();
      },
    };
  },
  cinn: async (ctx, ratio) => {
    const { autoencoder, vae, flow, latentShape, runKeys } = await loadCinn(ctx, ratio);
    // The reference samples at temperature 1 with the stage-2 batch; recorded with each synthesis.
    const batchSize = ctx.profile.lddm.stage2.batchSize;
    return {
      id: 'cinn',
      runKeys,
      sampling: { prior: 'N(0, I)', temperature: 1, batchSize },
      synthesize: (images, rng, label) => synthesizeWithCinn({ autoencoder, vae, flow, latentShape, images, batchSize, rng, label }),
      dispose: () => {
        for (const m of [autoencoder, vae, flow]) m.dispose();
      },
    };
  },
};

export function loadGenerator(ctx: PipelineContext, id: GeneratorId, ratio: string): Promise<VideoGenerator> {
  return loaders[id](ctx, ratio);
}
