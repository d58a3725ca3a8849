// LDDM for one split, as registry runs: stage 1 (the video autoencoder) on the split's training
// clips, then stage 2 (the latent DDPM) on the frozen encoder's latents of the same clips. Each
// stage is reused when its key is finished, and resumes from its checkpoint after a crash.
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
import { Rng } from '@lddm/runtime';
import { ensureStep, type PipelineContext, type StepOutcome } from './context';
import { pipelineData, splitClips } from './datasets';
import { checkpointOf, logStepLosses } from './run-metrics';

/** Until LPIPS with real VGG weights can be loaded here, stage 1's perceptual term is this stand-in. */
export const stage1Perceptual = (): PerceptualDistance => multiScaleGradientDistance;

export const clipData = (ctx: PipelineContext) => ({ imageSize: ctx.profile.data.imageSize, framesPerClip: ctx.profile.data.framesPerClip, channels: ctx.profile.data.channels });

/** Whose stage 1: LDDM's, or the cINN baseline's own (cinn.shareStage1 false, as the original system). */
export type Stage1Owner = 'lddm' | 'cinn';

/** The video autoencoder of a split, trained on its training clips: kind `${owner}-stage1`. */
export async function ensureStage1(ctx: PipelineContext, ratio: string, owner: Stage1Owner): Promise<StepOutcome<void>> {
  const data = await pipelineData(ctx);
  const stage1 = ctx.profile.lddm.stage1;
  const perceptual = stage1Perceptual();
  const kind = `${owner}-stage1`;
  return ensureStep(
    ctx,
    { kind, config: { stage1, data: clipData(ctx), ratio, perceptual: perceptual.id }, inputs: [data.key], seedPath: [kind, ratio], params: { ratio, perceptual: perceptual.id } },
    async (run, dir, seed) => {
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
    },
  );
}

export const ensureLddmStage1 = (ctx: PipelineContext, ratio: string): Promise<StepOutcome<void>> => ensureStage1(ctx, ratio, 'lddm');

/** The trained stage-1 autoencoder of a split (trains it first if needed). */
export async function loadAutoencoder(ctx: PipelineContext, ratio: string, owner: Stage1Owner = 'lddm'): Promise<{ autoencoder: VideoAutoencoder; step: StepOutcome<void> }> {
  const step = await ensureStage1(ctx, ratio, owner);
  const autoencoder = new VideoAutoencoder(new Rng(step.seed).child('init'), ctx.profile.lddm.stage1, clipData(ctx));
  await restoreTrainingCheckpoint(checkpointOf(ctx.registry.artifacts(step.outcome.run.id), `${owner}-stage1 run ${step.outcome.run.id}`), { modules: { autoencoder } });
  autoencoder.eval();
  return { autoencoder, step };
}

const latentKind = (ctx: PipelineContext) => ctx.profile.lddm.stage1.latent.kind;

export async function ensureLddmStage2(ctx: PipelineContext, ratio: string): Promise<StepOutcome<void>> {
  const data = await pipelineData(ctx);
  const stage1 = await ensureLddmStage1(ctx, ratio);
  const stage2 = ctx.profile.lddm.stage2;
  return ensureStep(ctx, { kind: 'lddm-stage2', config: { stage2, ratio }, inputs: [stage1.key], seedPath: ['lddm-stage2', ratio], params: { ratio } }, async (run, dir, seed) => {
    const { autoencoder } = await loadAutoencoder(ctx, ratio);
    try {
      const encoded = encodeClips(autoencoder, splitClips(data, ratio, 'train'), stage2.batchSize);
      const build = () => new LatentDdpm(new Rng(seed).child('init'), stage2, { kind: latentKind(ctx), shape: encoded.latentShape }, clipData(ctx));
      const ddpm = build();
      // emaDecay > 0: the weight average (what synthesis samples from) starts as a copy.
      const ema = stage2.emaDecay > 0 ? build() : undefined;
      const path = join(dir, 'checkpoint.safetensors');
      try {
        const norm = ddpm.fitNormalisation(encoded.mu);
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
  });
}

/** The trained LDDM of a split: autoencoder and latent DDPM (trains what is missing first). */
export async function loadLddm(ctx: PipelineContext, ratio: string): Promise<{ autoencoder: VideoAutoencoder; ddpm: LatentDdpm }> {
  const step2 = await ensureLddmStage2(ctx, ratio);
  const { autoencoder } = await loadAutoencoder(ctx, ratio);
  const latentShape = latentShapeOf(autoencoder.encoder.config);
  const ddpm = new LatentDdpm(new Rng(step2.seed).child('init'), ctx.profile.lddm.stage2, { kind: latentKind(ctx), shape: latentShape }, clipData(ctx));
  // The EMA of the weights where the profile keeps one (lddm.stage2.emaDecay > 0), else the weights.
  const module = stage2SamplingModule(ctx.profile.lddm.stage2);
  await restoreTrainingCheckpoint(checkpointOf(ctx.registry.artifacts(step2.outcome.run.id), `lddm-stage2 run ${step2.outcome.run.id}`), { modules: { [module]: ddpm } });
  ddpm.eval();
  return { autoencoder, ddpm };
}
