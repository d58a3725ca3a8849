// The cINN baseline for one split, as registry runs: the conditioning encoder (trained as a VAE
// on the split's first frames), then the flow on the frozen stage-1 encoder's latents of the same
// clips — LDDM's stage 1 when cinn.shareStage1 (so that Tables 1 and 2 compare the latent models
// alone), else a stage 1 of its own trained the same way, as the original system does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConditionalFlow, ConditionVae, trainConditionVae, trainFlow } from '@lddm/cinn-baseline';
import { firstFrames } from '@lddm/data';
import { encodeClips, latentShape, type VideoAutoencoder } from '@lddm/lddm-core';
import { concatRows, createOptimizer, restoreTrainingCheckpoint, sampleLatent } from '@lddm/nn';
import { Rng, tf } from '@lddm/runtime';
import { ensureStep, type PipelineContext, type StepOutcome } from './context';
import { pipelineData, splitClips } from './datasets';
import { ensureStage1, loadAutoencoder, type Stage1Owner } from './lddm';
import { checkpointOf, logStepLosses } from './run-metrics';

const stage1Owner = (ctx: PipelineContext): Stage1Owner => (ctx.profile.cinn.shareStage1 ? 'lddm' : 'cinn');
const geometry = (ctx: PipelineContext) => ({ height: ctx.profile.data.imageSize, width: ctx.profile.data.imageSize, channels: ctx.profile.data.channels });

export async function ensureCinnCond(ctx: PipelineContext, ratio: string): Promise<StepOutcome<void>> {
  const data = await pipelineData(ctx);
  const { condEncoder } = ctx.profile.cinn;
  return ensureStep(ctx, { kind: 'cinn-cond', config: { condEncoder, image: geometry(ctx), ratio }, inputs: [data.key], seedPath: ['cinn-cond', ratio], params: { ratio } }, async (run, dir, seed) => {
    const images = firstFrames(splitClips(data, ratio, 'train'));
    const vae = new ConditionVae(new Rng(seed).child('init'), ctx.profile.cinn.condEncoder, ctx.profile.data);
    const optimizer = createOptimizer(condEncoder.optimizer);
    const path = join(dir, 'checkpoint.safetensors');
    try {
      run.logParams({ parameters: vae.parameterCount(), encoderParameters: vae.encoder.parameterCount(), trainImages: images.length / (geometry(ctx).height * geometry(ctx).width), resumed: existsSync(path) });
      const result = await trainConditionVae(vae, images, { train: condEncoder.train, batchSize: condEncoder.batchSize, optimizer, rng: new Rng(seed).child('train'), onStep: logStepLosses(run), checkpoint: { path, resume: true } });
      run.logParams({ steps: result.steps, epochs: result.plan.epochs });
      run.addArtifact({ path, kind: 'checkpoint' });
    } finally {
      vae.dispose();
      optimizer.dispose();
    }
  });
}

async function loadConditionVae(ctx: PipelineContext, ratio: string): Promise<{ vae: ConditionVae; step: StepOutcome<void> }> {
  const step = await ensureCinnCond(ctx, ratio);
  const vae = new ConditionVae(new Rng(step.seed).child('init'), ctx.profile.cinn.condEncoder, ctx.profile.data);
  await restoreTrainingCheckpoint(checkpointOf(ctx.registry.artifacts(step.outcome.run.id), `cinn-cond run ${step.outcome.run.id}`), { modules: { model: vae } });
  vae.eval();
  return { vae, step };
}

/** c = E(x0) for rows of x0 [N, H, W, C], in batches. */
function conditions(vae: ConditionVae, x0: Float32Array, shape: [number, number, number], batchSize: number): Float32Array {
  const [h, w, c] = shape;
  const n = x0.length / (h * w * c);
  const parts: Float32Array[] = [];
  for (let i = 0; i < n; i += batchSize) {
    const b = Math.min(batchSize, n - i);
    parts.push(tf.tidy(() => vae.encodeMean(tf.tensor4d(x0.subarray(i * h * w * c, (i + b) * h * w * c), [b, h, w, c])).dataSync() as Float32Array));
  }
  return concatRows(parts);
}

export async function ensureCinnFlow(ctx: PipelineContext, ratio: string): Promise<StepOutcome<void>> {
  const data = await pipelineData(ctx);
  const owner = stage1Owner(ctx);
  const stage1 = await ensureStage1(ctx, ratio, owner);
  const cond = await ensureCinnCond(ctx, ratio);
  const { flow: flowConfig, latentDim, optimizer: optimizerConfig, lrSchedule, batchSize, train } = ctx.profile.cinn;
  const config = { flow: flowConfig, latentDim, optimizer: optimizerConfig, lrSchedule, batchSize, train, ratio, stage1: owner };
  return ensureStep(ctx, { kind: 'cinn-flow', config, inputs: [stage1.key, cond.key], seedPath: ['cinn-flow', ratio], params: { ratio, stage1: owner, leakyLogdet: flowConfig.leakyLogdet } }, async (run, dir, seed) => {
    const { autoencoder } = await loadAutoencoder(ctx, ratio, owner);
    const { vae } = await loadConditionVae(ctx, ratio);
    const flow = new ConditionalFlow(new Rng(seed).child('init'), ctx.profile.cinn);
    const optimizer = createOptimizer(optimizerConfig);
    const path = join(dir, 'checkpoint.safetensors');
    try {
      const encoded = encodeClips(autoencoder, splitClips(data, ratio, 'train'), batchSize);
      // z ~ q(z | x) once per clip (the reference trains on sampled latents of the frozen encoder).
      const z = tf.tidy(() => sampleLatent(tf.tensor(encoded.mu, [encoded.count, ...encoded.latentShape]), tf.tensor(encoded.logvar, [encoded.count, ...encoded.latentShape]), new Rng(seed).child('z')).dataSync() as Float32Array);
      const c = conditions(vae, encoded.x0, encoded.x0Shape, batchSize);
      run.logParams({ parameters: flow.parameterCount(), trainClips: encoded.count, latentShape: encoded.latentShape, leakyLogdetUsed: flow.config.flow.leakyLogdet, resumed: existsSync(path) });
      const result = await trainFlow(flow, z, c, { train, batchSize, optimizer, lrSchedule, rng: new Rng(seed).child('train'), onStep: logStepLosses(run), checkpoint: { path, resume: true } });
      run.logParams({ steps: result.steps, epochs: result.plan.epochs });
      run.addArtifact({ path, kind: 'checkpoint' });
    } finally {
      for (const m of [autoencoder, vae, flow]) m.dispose();
      optimizer.dispose();
    }
  });
}

/** The trained cINN of a split: stage-1 autoencoder, conditioning VAE and flow. */
export async function loadCinn(ctx: PipelineContext, ratio: string): Promise<{ autoencoder: VideoAutoencoder; vae: ConditionVae; flow: ConditionalFlow; latentShape: number[] }> {
  const flowStep = await ensureCinnFlow(ctx, ratio);
  const { autoencoder } = await loadAutoencoder(ctx, ratio, stage1Owner(ctx));
  const { vae } = await loadConditionVae(ctx, ratio);
  const flow = new ConditionalFlow(new Rng(flowStep.seed).child('init'), ctx.profile.cinn);
  await restoreTrainingCheckpoint(checkpointOf(ctx.registry.artifacts(flowStep.outcome.run.id), `cinn-flow run ${flowStep.outcome.run.id}`), { modules: { model: flow } });
  flow.eval();
  return { autoencoder, vae, flow, latentShape: latentShape(autoencoder.encoder.config) };
}
