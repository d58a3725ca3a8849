// LDDM for one split, as steps of the graph: stage 1 (the video autoencoder) on the split's training
// clips, then stage 2 (the latent DDPM) on the frozen encoder's latents of the same clips. Each
// stage is reused when its key is finished, and resumes from its checkpoint after a crash; a
// stage's models are loaded from its upstream's finished run, never by asking for that step again.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  latentShape as latentShapeOf,
  encodeClips,
  LatentDdpm,
  multiScaleGradientDistance,
  trainStage1,
  stage2SamplingModule,
  trainStage2,
  VideoAutoencoder,
  type PerceptualDistance,
} from '@lddm/lddm-core';
import { copyWeights, restoreTrainingCheckpoint } from '@lddm/nn';
import type { RunHandle } from '@lddm/registry';
import { Rng } from '@lddm/runtime';
import { keyedOf, type PipelineContext } from './context';
import type { Done, Graph, StepRef } from './dag/graph';
import { splitClips, type PipelineData } from './datasets';
import { checkpointOf, logStepLosses } from './run-metrics';

/** Until LPIPS with real VGG weights can be loaded here, stage 1's perceptual term is this stand-in. */
export const stage1Perceptual = (): PerceptualDistance => multiScaleGradientDistance;

export const clipData = (ctx: Pick<PipelineContext, 'profile'>) => ({ imageSize: ctx.profile.data.imageSize, framesPerClip: ctx.profile.data.framesPerClip, channels: ctx.profile.data.channels });

/** Whose stage 1: LDDM's, or the cINN baseline's own (cinn.shareStage1 false, as the original system). */
export type Stage1Owner = 'lddm' | 'cinn';

/** What the generator steps take of the pipeline context. */
export type GeneratorEnv = Pick<PipelineContext, 'profile' | 'sourceVersion'>;

/** The video autoencoder of a split, trained on its training clips: kind `${owner}-stage1`. */
export function stage1Step(graph: Graph, ctx: GeneratorEnv, dataRef: StepRef<PipelineData>, ratio: string, owner: Stage1Owner): StepRef<Done> {
  const kind = `${owner}-stage1`;
  return graph.step(`${kind} ${ratio}`, () => {
    const stage1 = ctx.profile.lddm.stage1;
    const perceptual = stage1Perceptual();
    return {
      name: `${kind} ${ratio}`,
      needs: [dataRef],
      keyed: (view) => keyedOf(ctx, { kind, config: { stage1, data: clipData(ctx), ratio, perceptual: perceptual.id }, inputs: [view.keyed(dataRef).key], seedPath: [kind, ratio], params: { ratio, perceptual: perceptual.id } }),
      compute: (inputs, run, dir, seed) => trainAutoencoder(ctx, inputs.get(dataRef), ratio, stage1, perceptual)(run, dir, seed),
    };
  });
}

/** The work of a new stage-1 run: train the autoencoder on the split's training clips. */
const trainAutoencoder =
  (ctx: GeneratorEnv, data: PipelineData, ratio: string, stage1: GeneratorEnv['profile']['lddm']['stage1'], perceptual: PerceptualDistance) =>
  async (run: RunHandle, dir: string, seed: number): Promise<void> => {
    const clips = splitClips(data, ratio, 'train');
    const autoencoder = new VideoAutoencoder(new Rng(seed).child('init'), stage1, clipData(ctx));
    const path = join(dir, 'checkpoint.safetensors');
    run.logParams({ parameters: autoencoder.parameterCount(), encoderParameters: autoencoder.encoder.parameterCount(), trainClips: clips.labels.length, perceptualDescription: perceptual.description, resumed: existsSync(path) });
    try {
      const result = await trainStage1({ autoencoder, clips, config: stage1, perceptual, rng: new Rng(seed).child('train'), checkpoint: { path, resume: true }, onStep: logStepLosses(run) });
      run.logParams({ steps: result.steps, epochs: result.plan.epochs, resumedAtEpoch: result.resumedAtEpoch });
      run.addArtifact({ path, kind: 'checkpoint' });
    } finally {
      autoencoder.dispose();
    }
  };

/** The stage-1 autoencoder of a finished stage-1 run. */
export async function loadAutoencoder(ctx: Pick<PipelineContext, 'profile'>, step: Done): Promise<VideoAutoencoder> {
  const autoencoder = new VideoAutoencoder(new Rng(step.keyed.seed).child('init'), ctx.profile.lddm.stage1, clipData(ctx));
  await restoreTrainingCheckpoint(checkpointOf(step.artifacts, `${step.keyed.kind} run ${step.run.id}`), { modules: { autoencoder } });
  autoencoder.eval();
  return autoencoder;
}

const latentKind = (ctx: Pick<PipelineContext, 'profile'>) => ctx.profile.lddm.stage1.latent.kind;

/** The latent DDPM of a split on the frozen stage-1 encoder's latents of its training clips. */
export function lddmStage2Step(graph: Graph, ctx: GeneratorEnv, dataRef: StepRef<PipelineData>, stage1Ref: StepRef<Done>, ratio: string): StepRef<Done> {
  return graph.step(`lddm-stage2 ${ratio}`, () => {
    const stage2 = ctx.profile.lddm.stage2;
    return {
      name: `lddm-stage2 ${ratio}`,
      needs: [dataRef, stage1Ref],
      // The sampler is not part of training: changing it re-samples (the synthesis key has it), not re-trains.
      keyed: (view) => keyedOf(ctx, { kind: 'lddm-stage2', config: { stage2: { ...stage2, sampler: undefined }, ratio }, inputs: [view.keyed(stage1Ref).key], seedPath: ['lddm-stage2', ratio], params: { ratio } }),
      compute: (inputs, run, dir, seed) => trainLatentDdpm(ctx, inputs.get(dataRef), inputs.get(stage1Ref), ratio, stage2)(run, dir, seed),
    };
  });
}

/** The work of a new stage-2 run: the latent DDPM on the frozen encoder's latents of the training clips. */
const trainLatentDdpm =
  (ctx: GeneratorEnv, data: PipelineData, stage1: Done, ratio: string, stage2: GeneratorEnv['profile']['lddm']['stage2']) =>
  async (run: RunHandle, dir: string, seed: number): Promise<void> => {
    const autoencoder = await loadAutoencoder(ctx, stage1);
    try {
      const encoded = encodeClips(autoencoder, splitClips(data, ratio, 'train'), stage2.batchSize);
      const build = () => new LatentDdpm(new Rng(seed).child('init'), stage2, { kind: latentKind(ctx), shape: encoded.latentShape }, clipData(ctx));
      const ddpm = build();
      // emaDecay > 0: the weight average (what synthesis samples from) starts as a copy.
      const ema = stage2.emaDecay > 0 ? build() : undefined;
      const path = join(dir, 'checkpoint.safetensors');
      try {
        const norm = ddpm.fitNormalisation(encoded);
        if (ema !== undefined) copyWeights(ema, ddpm);
        run.logParams({ parameters: ddpm.parameterCount(), latentShape: encoded.latentShape, latentMean: norm.mean, latentStd: norm.std, trainClips: encoded.count, resumed: existsSync(path), samplingWeights: stage2SamplingModule(stage2) });
        const result = await trainStage2({ ddpm, ema, data: encoded, config: stage2, rng: new Rng(seed).child('train'), checkpoint: { path, resume: true }, onStep: logStepLosses(run) });
        run.logParams({ steps: result.steps, epochs: result.plan.epochs, resumedAtEpoch: result.resumedAtEpoch });
        run.addArtifact({ path, kind: 'checkpoint' });
      } finally {
        ddpm.dispose();
        ema?.dispose();
      }
    } finally {
      autoencoder.dispose();
    }
  };

/** The trained LDDM of a split from its finished stage-1 and stage-2 runs. */
export async function loadLddm(ctx: Pick<PipelineContext, 'profile'>, stage1: Done, step2: Done): Promise<{ autoencoder: VideoAutoencoder; ddpm: LatentDdpm }> {
  const autoencoder = await loadAutoencoder(ctx, stage1);
  const latentShape = latentShapeOf(autoencoder.encoder.config);
  const ddpm = new LatentDdpm(new Rng(step2.keyed.seed).child('init'), ctx.profile.lddm.stage2, { kind: latentKind(ctx), shape: latentShape }, clipData(ctx));
  // The EMA of the weights where the profile keeps one (lddm.stage2.emaDecay > 0), else the weights.
  const module = stage2SamplingModule(ctx.profile.lddm.stage2);
  await restoreTrainingCheckpoint(checkpointOf(step2.artifacts, `lddm-stage2 run ${step2.run.id}`), { modules: { [module]: ddpm } });
  ddpm.eval();
  return { autoencoder, ddpm };
}
