// The project side of bench:peer: each workload builds the project's own network with the
// builders training uses (createClassifier, VideoAutoencoder, LatentDdpm,
// createDenoiser, ConditionalFlow) on the
// resolved profile, and times the step the trainers take (optimizer.step of createOptimizer over
// the module's trainable parameters, on the trainers' loss). `peerSpec` is what the PyTorch peer
// (torch_workloads.py) needs to build the same network: the configs resolved here, so both sides
// read one set of numbers. Inputs are seeded random tensors of the training shapes; data loading
// and augmentation happen outside the trainers' steps and are not timed.
import { crossEntropy, createClassifier, inverseFrequencyWeights, trainLoopConfig } from '@lddm/classifiers';
import { ConditionalFlow } from '@lddm/cinn-baseline';
import { latentShape as profileLatentShape, type ClassifierId, type Profile } from '@lddm/config';
import { BUSV_CLASSES } from '@lddm/data';
import {
  createDenoiser,
  epsilonLoss,
  LatentDdpm,
  NoiseSchedule,
  qSample,
  ResidualMlpDenoiser,
  stage1Loss,
  trainingStepInputs,
  VideoAutoencoder,
  type LatentDenoiser,
} from '@lddm/lddm-core';
import { createOptimizer, sampleLatent, type Module } from '@lddm/nn';
import { stage1Perceptual } from '@lddm/pipeline';
import { Rng, tf } from '@lddm/runtime';

export const WORKLOAD_IDS = ['c3d', 'tsm', 'tdn', 'atmnet', 'lddm-stage1', 'lddm-stage2', 'ddpm-step', 'cinn-flow', 'stage1-decode'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

export function isWorkloadId(id: string): id is WorkloadId {
  return WORKLOAD_IDS.some((w) => w === id);
}

/** One workload built on the current backend. */
export interface BuiltWorkload {
  /** Shapes and what one step does, for the table. */
  label: string;
  /** Trainable scalars of the network the step runs (sum of trainable variable sizes). */
  params: number;
  /** Shapes of those trainable variables (tfjs layouts). */
  shapes: number[][];
  /** The resolved configuration the PyTorch peer builds the same network from. */
  peerSpec: Record<string, unknown>;
  /** One step, synchronous (it reads a value back). */
  step(): void;
  /** The network whose trainable variables `params` counts (--check copies them into the peer). */
  module: Module;
  /** --check: one deterministic evaluation (no dropout, no sampled noise), its inputs in project layouts. */
  check(): CheckCase;
  dispose(): void;
}

export interface CheckCase {
  /** Named inputs the peer needs, in the project's layouts (not disposed by the caller). */
  inputs: Record<string, tf.Tensor>;
  /** A scalar both sides compute: the step's loss on this case, or a summary of the output. */
  value: number;
  /** The network's output in the project's layout (the caller disposes it). */
  output: tf.Tensor;
  /** Training workloads: `value` as a differentiable loss, for the gradient comparison. */
  loss?: () => tf.Scalar;
}

export interface WorkloadDef {
  id: WorkloadId;
  /** Steps per timed sample (short steps are timed in groups; reported per step). */
  inner: number;
  build(profile: Profile): BuiltWorkload;
}

const SEED = 1;

/** The sum of the sizes of the module's trainable variables, and their shapes. */
export function trainable(module: Module): { params: number; shapes: number[][] } {
  const vars = module.parameters({ trainableOnly: true });
  return { params: vars.reduce((n, v) => n + v.size, 0), shapes: vars.map((v) => [...v.shape]) };
}

const clipData = (profile: Profile) => ({ imageSize: profile.data.imageSize, framesPerClip: profile.data.framesPerClip, channels: profile.data.channels });

const uniform = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, 'float32', seed);

/** A classifier training step as trainClassifier takes it: augmented clips at the model's inputSize in, class-weighted cross-entropy, the model's optimiser. */
function classifier(name: ClassifierId): WorkloadDef {
  return {
    id: name,
    inner: 1,
    build(profile) {
      const numClasses = BUSV_CLASSES.length;
      const channels = profile.data.channels;
      const model = createClassifier(name, profile.classifiers, { seed: SEED, numClasses, inChannels: channels });
      const loop = trainLoopConfig(profile.classifiers, name);
      const optimizer = createOptimizer(loop.optimizer);
      const batch = loop.batchSize;
      const frames = profile.data.framesPerClip;
      const size = model.inputSize;
      const labelValues = Array.from({ length: batch }, (_, i) => i % numClasses);
      const classWeights = loop.classBalancing === 'weighted-loss' ? inverseFrequencyWeights(labelValues, numClasses) : undefined;
      const clips = uniform([batch, frames, size, size, channels], 7) as tf.Tensor5D;
      const labels = tf.tensor1d(labelValues, 'int32');
      model.train();
      return {
        label: `batch ${batch} x ${frames} frames x ${size}x${size}x${channels}, fwd+loss+bwd+${loop.optimizer.kind}`,
        ...trainable(model),
        peerSpec: {
          kind: 'classifier',
          model: name,
          config: profile.classifiers[name],
          optimizer: loop.optimizer,
          batch,
          frames,
          size,
          channels,
          numClasses,
          labels: labelValues,
          classWeights: classWeights ?? null,
        },
        step: () => void optimizer.step(model, () => crossEntropy(model.apply(clips, true), labels, classWeights)),
        module: model,
        check() {
          // Eval mode: no dropout and the centre frames (train mode draws them at random).
          const output = model.apply(clips, false);
          const value = tf.tidy(() => crossEntropy(output, labels, classWeights).dataSync()[0]);
          model.train();
          return { inputs: { clips }, value, output, loss: () => crossEntropy(model.apply(clips, false), labels, classWeights) };
        },
        dispose() {
          optimizer.dispose();
          model.dispose();
          tf.dispose([clips, labels]);
        },
      };
    },
  };
}

/** Stage-1 config as the project resolves it (encoder + decoder) and the decoder's upsampling schedule. */
function stage1Spec(autoencoder: VideoAutoencoder): Record<string, unknown> {
  return { autoencoder: autoencoder.config, schedule: autoencoder.decoder.schedule };
}

/** trainStage1's generator step: reconstruct with z ~ q(z | x) and x0 = the first frame, stage1Loss, optimiser step. */
const lddmStage1: WorkloadDef = {
  id: 'lddm-stage1',
  inner: 1,
  build(profile) {
    const stage1 = profile.lddm.stage1;
    if (stage1.adversarial.spatial || stage1.adversarial.temporal) {
      throw new Error('lddm-stage1: the profile turns the adversarial terms on; bench:peer times the generator step without them (cpu profile)');
    }
    const data = clipData(profile);
    const autoencoder = new VideoAutoencoder(new Rng(SEED).child('init'), stage1, data);
    const optimizer = createOptimizer(stage1.optimizer);
    const perceptual = stage1Perceptual();
    const batch = stage1.batchSize;
    const x = uniform([batch, data.framesPerClip, data.imageSize, data.imageSize, data.channels], 7) as tf.Tensor5D;
    const rng = new Rng(2);
    let step = 0;
    autoencoder.train();
    return {
      label: `batch ${batch} x ${data.framesPerClip}x${data.imageSize}x${data.imageSize}x${data.channels}, enc+dec+loss (${perceptual.id})+bwd+${stage1.optimizer.kind}`,
      ...trainable(autoencoder),
      peerSpec: { kind: 'lddm-stage1', ...stage1Spec(autoencoder), loss: stage1.loss, optimizer: stage1.optimizer, batch },
      step() {
        const r = rng.child(`step${step++}`);
        optimizer.step(autoencoder, () => {
          const { recon, posterior } = autoencoder.reconstruct(x, { sample: true, rng: r.child('z') });
          return stage1Loss({ x, recon, posterior, weights: stage1.loss, perceptual }).total;
        });
      },
      module: autoencoder,
      check() {
        // Eval mode (spectral norm uses its stored u, v) and z = mu instead of a sample.
        autoencoder.eval();
        const { recon, posterior } = autoencoder.reconstruct(x, { sample: false });
        const value = tf.tidy(() => stage1Loss({ x, recon, posterior, weights: stage1.loss, perceptual }).total.dataSync()[0]);
        tf.dispose([posterior.mu, posterior.logvar]);
        const loss = (): tf.Scalar => {
          autoencoder.eval();
          const r = autoencoder.reconstruct(x, { sample: false });
          return stage1Loss({ x, recon: r.recon, posterior: r.posterior, weights: stage1.loss, perceptual }).total;
        };
        return { inputs: { x }, value, output: recon, loss };
      },
      dispose() {
        optimizer.dispose();
        autoencoder.dispose();
        x.dispose();
      },
    };
  },
};

function latentOf(profile: Profile) {
  return { kind: profile.lddm.stage1.latent.kind, shape: profileLatentShape(profile.lddm.stage1, clipData(profile)) };
}

/** The built denoiser's resolved config, T and the schedule: what the peer builds the same network from. */
function denoiserSpec(profile: Profile, network: LatentDenoiser): Record<string, unknown> {
  const stage2 = profile.lddm.stage2;
  if (!(network instanceof ResidualMlpDenoiser)) throw new Error(`bench:peer has a PyTorch peer for the residual-MLP denoiser only, not ${network.constructor.name}`);
  return { denoiser: network.config, timesteps: stage2.timesteps, schedule: stage2.schedule, image: { size: profile.data.imageSize, channels: profile.data.channels } };
}

/** What both stage-2 workloads start from: the settings, the latent and a batch of x0. */
function stage2Inputs(profile: Profile) {
  const stage2 = profile.lddm.stage2;
  const batch = stage2.batchSize;
  const size = profile.data.imageSize;
  const latent = latentOf(profile);
  // A vector latent builds the residual-MLP denoiser (createDenoiser), the one network with a PyTorch peer.
  if (latent.kind !== 'vector') throw new Error(`bench:peer has a PyTorch peer for the residual-MLP denoiser (vector latent) only, not ${latent.kind}`);
  return {
    stage2,
    latent,
    batch,
    size,
    x0: uniform([batch, size, size, profile.data.channels], 5) as tf.Tensor4D,
  };
}

/** trainStage2's step: z0 ~ q(z | x) from stored posteriors, LatentDdpm.loss (eq. 3), optimiser step. */
const lddmStage2: WorkloadDef = {
  id: 'lddm-stage2',
  inner: 5,
  build(profile) {
    const { stage2, latent, batch, size, x0 } = stage2Inputs(profile);
    const ddpm = new LatentDdpm(new Rng(SEED).child('init'), stage2, latent, clipData(profile));
    const spec = denoiserSpec(profile, ddpm.denoiser);
    const optimizer = createOptimizer(stage2.optimizer);
    const mu = tf.randomNormal([batch, ...latent.shape], 0, 1, 'float32', 3);
    const logvar = tf.tidy(() => tf.sub(tf.mul(tf.randomNormal([batch, ...latent.shape], 0, 1, 'float32', 4), 0.1), 2));
    const rng = new Rng(2);
    let step = 0;
    const checkInputs: tf.Tensor[] = [];
    ddpm.train();
    return {
      label: `batch ${batch}, z [${latent.shape.join('x')}], x0 ${size}x${size}, eps-MSE+bwd+${stage2.optimizer.kind}`,
      ...trainable(ddpm),
      peerSpec: { kind: 'lddm-stage2', ...spec, optimizer: stage2.optimizer, batch },
      step() {
        const r = rng.child(`step${step++}`);
        const z0 = sampleLatent(mu, logvar, r.child('z'));
        optimizer.step(ddpm, () => ddpm.loss(z0, x0, r.child('diffusion')));
        z0.dispose();
      },
      module: ddpm,
      check() {
        // LatentDdpm.loss with its draws made explicit: z0 = mu, t and eps from a fixed stream.
        const { t, eps } = trainingStepInputs(ddpm.schedule, mu.shape, new Rng(99));
        const tTensor = tf.tensor1d(t, 'int32');
        const model = ddpm.denoiser.asEpsilonModel();
        const value = tf.tidy(() => epsilonLoss({ schedule: ddpm.schedule, model, z0: ddpm.normalise(mu), cond: x0, t, eps }).dataSync()[0]);
        const output = tf.tidy(() => model(qSample(ddpm.schedule, ddpm.normalise(mu), t, eps), tTensor, x0));
        checkInputs.push(tTensor, eps);
        const loss = () => epsilonLoss({ schedule: ddpm.schedule, model, z0: ddpm.normalise(mu), cond: x0, t, eps });
        return { inputs: { z0: mu, eps, t: tTensor, x0 }, value, output, loss };
      },
      dispose() {
        optimizer.dispose();
        ddpm.dispose();
        tf.dispose([mu, logvar, x0, ...checkInputs]);
      },
    };
  },
};

/** One ancestral DDPM step (DdpmSampler's update, posterior variance) with x0 encoded once (conditionedOn). */
const ddpmStep: WorkloadDef = {
  id: 'ddpm-step',
  inner: 10,
  build(profile) {
    const { stage2, latent, batch, x0 } = stage2Inputs(profile);
    const network = createDenoiser(new Rng(SEED).child('init'), stage2.denoiser, latent, profile.data);
    const spec = denoiserSpec(profile, network);
    network.eval();
    const schedule = new NoiseSchedule(stage2);
    const conditioned = network.conditionedOn(x0);
    const t = Math.floor(schedule.timesteps / 2);
    const tBatch = tf.fill([batch], t, 'int32') as tf.Tensor1D;
    const rng = new Rng(2);
    let zt = tf.randomNormal([batch, ...latent.shape], 0, 1, 'float32', 6);
    return {
      label: `batch ${batch}, z [${latent.shape.join('x')}], denoiser fwd (x0 encoded once) + DDPM update, no grad`,
      ...trainable(network),
      peerSpec: { kind: 'ddpm-step', ...spec, batch, t },
      step() {
        const next = tf.tidy(() => {
          const epsHat = conditioned.model(zt, tBatch, undefined);
          const mean = tf.mul(tf.sub(zt, tf.mul(epsHat, schedule.beta[t] / schedule.sqrtOneMinusAlphaBar[t])), 1 / Math.sqrt(schedule.alpha[t]));
          const values = new Float32Array(mean.size);
          for (let i = 0; i < values.length; i++) values[i] = rng.normal();
          return tf.add(mean, tf.mul(tf.tensor(values, mean.shape), Math.sqrt(schedule.posteriorVariance[t])));
        });
        next.dataSync();
        zt.dispose();
        zt = next;
      },
      module: network,
      check() {
        // x0 encoded afresh: the check runs after the weights have been changed.
        const fresh = network.conditionedOn(x0);
        const output = fresh.model(zt, tBatch, undefined);
        fresh.dispose();
        const value = tf.tidy(() => tf.mean(tf.square(output)).dataSync()[0]);
        return { inputs: { zt, t: tBatch, x0 }, value, output };
      },
      dispose() {
        conditioned.dispose();
        network.dispose();
        tf.dispose([x0, tBatch, zt]);
      },
    };
  },
};

/** trainFlow's step: ConditionalFlow.nll on (z, c), optimiser step; ActNorm's data init before timing. */
const cinnFlow: WorkloadDef = {
  id: 'cinn-flow',
  inner: 5,
  build(profile) {
    const cinn = profile.cinn;
    const flow = new ConditionalFlow(new Rng(SEED).child('init'), cinn);
    const optimizer = createOptimizer(cinn.optimizer);
    const batch = cinn.batchSize;
    const z = tf.randomNormal([batch, flow.latentDim], 0, 1, 'float32', 3) as tf.Tensor2D;
    const c = tf.randomNormal([batch, flow.condDim], 0, 1, 'float32', 4) as tf.Tensor2D;
    flow.train();
    if (!flow.initialized) tf.dispose(Object.values(flow.encode(z, c)));
    return {
      label: `batch ${batch}, z ${flow.latentDim} | c ${flow.condDim}, ${cinn.flow.blocks} blocks of [${cinn.flow.hidden.join(',')}], nll+bwd+${cinn.optimizer.kind}${cinn.optimizer.amsgrad ? '(amsgrad)' : ''}`,
      ...trainable(flow),
      peerSpec: { kind: 'cinn-flow', flow: { latentDim: flow.latentDim, condDim: flow.condDim, ...cinn.flow }, optimizer: cinn.optimizer, batch },
      step: () => void optimizer.step(flow, () => flow.nll(z, c)),
      module: flow,
      check() {
        const value = tf.tidy(() => flow.nll(z, c).dataSync()[0]);
        const { v, logdet } = flow.encode(z, c);
        logdet.dispose();
        return { inputs: { z, c }, value, output: v, loss: () => flow.nll(z, c) };
      },
      dispose() {
        optimizer.dispose();
        flow.dispose();
        tf.dispose([z, c]);
      },
    };
  },
};

/** The stage-1 decoder's forward from z and x0 in eval mode, as synthesis decodes sampled latents. */
const stage1Decode: WorkloadDef = {
  id: 'stage1-decode',
  inner: 1,
  build(profile) {
    const stage1 = profile.lddm.stage1;
    const data = clipData(profile);
    const autoencoder = new VideoAutoencoder(new Rng(SEED).child('init'), stage1, data);
    autoencoder.eval();
    const batch = stage1.batchSize;
    const latent = latentOf(profile);
    const z = tf.randomNormal([batch, ...latent.shape], 0, 1, 'float32', 3);
    const x0 = uniform([batch, data.imageSize, data.imageSize, data.channels], 5) as tf.Tensor4D;
    return {
      label: `batch ${batch}, z [${latent.shape.join('x')}] + x0 ${data.imageSize}x${data.imageSize} -> ${data.framesPerClip} frames, decoder fwd (eval)`,
      ...trainable(autoencoder.decoder),
      peerSpec: { kind: 'stage1-decode', ...stage1Spec(autoencoder), batch },
      step() {
        const clip = autoencoder.decode(z, x0);
        clip.dataSync();
        clip.dispose();
      },
      module: autoencoder.decoder,
      check() {
        const output = autoencoder.decode(z, x0);
        const value = tf.tidy(() => tf.mean(tf.abs(output)).dataSync()[0]);
        return { inputs: { z, x0 }, value, output };
      },
      dispose() {
        autoencoder.dispose();
        tf.dispose([z, x0]);
      },
    };
  },
};

export const WORKLOADS: readonly WorkloadDef[] = [
  classifier('c3d'),
  classifier('tsm'),
  classifier('tdn'),
  classifier('atmnet'),
  lddmStage1,
  lddmStage2,
  ddpmStep,
  cinnFlow,
  stage1Decode,
];
