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
import type { RunHandle } from '@lddm/registry';
import { Rng, tf } from '@lddm/runtime';
import { keyedOf, type PipelineContext } from './context';
import type { Done, Graph, StepRef } from './dag/graph';
import { splitClips, type PipelineData } from './datasets';
import { loadAutoencoder, type GeneratorEnv, type Stage1Owner } from './lddm';
import { checkpointOf, logStepLosses } from './run-metrics';

export const stage1Owner = (ctx: Pick<PipelineContext, 'profile'>): Stage1Owner => (ctx.profile.cinn.shareStage1 ? 'lddm' : 'cinn');
const geometry = (ctx: Pick<PipelineContext, 'profile'>) => ({ height: ctx.profile.data.imageSize, width: ctx.profile.data.imageSize, channels: ctx.profile.data.channels });

/** The conditioning encoder of a split, trained as a VAE on its training clips' first frames. */
export function cinnCondStep(graph: Graph, ctx: GeneratorEnv, dataRef: StepRef<PipelineData>, ratio: string): StepRef<Done> {
  return graph.step(`cinn-cond ${ratio}`, () => {
    const { condEncoder } = ctx.profile.cinn;
    return {
      name: `cinn-cond ${ratio}`,
      needs: [dataRef],
      keyed: (view) => keyedOf(ctx, { kind: 'cinn-cond', config: { condEncoder, image: geometry(ctx), ratio }, inputs: [view.keyed(dataRef).key], seedPath: ['cinn-cond', ratio], params: { ratio } }),
      compute: (inputs, run, dir, seed) => trainCondition(ctx, inputs.get(dataRef), ratio, condEncoder)(run, dir, seed),
    };
  });
}

/** The work of a new conditioning-encoder run: the VAE on the split's training first frames. */
const trainCondition =
  (ctx: GeneratorEnv, data: PipelineData, ratio: string, condEncoder: GeneratorEnv['profile']['cinn']['condEncoder']) =>
  async (run: RunHandle, dir: string, seed: number): Promise<void> => {
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
  };

async function loadConditionVae(ctx: Pick<PipelineContext, 'profile'>, step: Done): Promise<ConditionVae> {
  const vae = new ConditionVae(new Rng(step.keyed.seed).child('init'), ctx.profile.cinn.condEncoder, ctx.profile.data);
  await restoreTrainingCheckpoint(checkpointOf(step.artifacts, `cinn-cond run ${step.run.id}`), { modules: { model: vae } });
  vae.eval();
  return vae;
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

/** The upstream runs of the cINN flow: the stage 1 it encodes with (its owner's) and the conditioning encoder. */
export interface CinnParts {
  stage1: StepRef<Done>;
  cond: StepRef<Done>;
}

/** The flow of a split on the frozen stage-1 encoder's sampled latents, conditioned on E(x0). */
export function cinnFlowStep(graph: Graph, ctx: GeneratorEnv, dataRef: StepRef<PipelineData>, parts: CinnParts, ratio: string): StepRef<Done> {
  return graph.step(`cinn-flow ${ratio}`, () => {
    const owner = stage1Owner(ctx);
    const { flow: flowConfig, latentDim, optimizer: optimizerConfig, lrSchedule, batchSize, train } = ctx.profile.cinn;
    const config = { flow: flowConfig, latentDim, optimizer: optimizerConfig, lrSchedule, batchSize, train, ratio, stage1: owner };
    return {
      name: `cinn-flow ${ratio}`,
      needs: [dataRef, parts.stage1, parts.cond],
      keyed: (view) => keyedOf(ctx, { kind: 'cinn-flow', config, inputs: [view.keyed(parts.stage1).key, view.keyed(parts.cond).key], seedPath: ['cinn-flow', ratio], params: { ratio, stage1: owner, leakyLogdet: flowConfig.leakyLogdet } }),
      compute: (inputs, run, dir, seed) => trainCinnFlow(ctx, inputs.get(dataRef), inputs.get(parts.stage1), inputs.get(parts.cond), ratio)(run, dir, seed),
    };
  });
}

/** The work of a new flow run: z sampled from the frozen encoder, c = E(x0), the flow trained on them. */
const trainCinnFlow =
  (ctx: GeneratorEnv, data: PipelineData, stage1: Done, cond: Done, ratio: string) =>
  async (run: RunHandle, dir: string, seed: number): Promise<void> => {
    const { optimizer: optimizerConfig, lrSchedule, batchSize, train } = ctx.profile.cinn;
    const autoencoder = await loadAutoencoder(ctx, stage1);
    const vae = await loadConditionVae(ctx, cond);
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
  };

/** The trained cINN of a split from its finished runs: stage-1 autoencoder, conditioning VAE and flow. */
export async function loadCinn(ctx: Pick<PipelineContext, 'profile'>, runs: { stage1: Done; cond: Done; flow: Done }): Promise<{ autoencoder: VideoAutoencoder; vae: ConditionVae; flow: ConditionalFlow; latentShape: number[] }> {
  const autoencoder = await loadAutoencoder(ctx, runs.stage1);
  const vae = await loadConditionVae(ctx, runs.cond);
  const flow = new ConditionalFlow(new Rng(runs.flow.keyed.seed).child('init'), ctx.profile.cinn);
  await restoreTrainingCheckpoint(checkpointOf(runs.flow.artifacts, `cinn-flow run ${runs.flow.run.id}`), { modules: { model: flow } });
  flow.eval();
  return { autoencoder, vae, flow, latentShape: latentShape(autoencoder.encoder.config) };
}
