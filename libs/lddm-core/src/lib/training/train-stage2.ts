// Stage 2 training: the latent DDPM on the frozen stage-1 encoder's latents of one split's
// training clips. The posterior (mu, logvar) of every clip is computed once; each step draws
// z ~ q(z | x) = mu + sigma * eps afresh (as the decoder saw z in stage 1) and takes a step on
// the paper's eq. 3 given x0 = the clip's first frame.
import { tf, type Rng } from '@lddm/runtime';
import { concatRows, createOptimizer, gatherRows, learningRate, trainLoop, updateWeightEma, type StepLosses, type TrainLoopResult } from '@lddm/nn';
import type { DeepReadonly, Stage2Config } from '@lddm/config';
import type { VideoAutoencoder } from '../autoencoder/video-autoencoder';
import { firstFrame } from '../autoencoder/video-autoencoder';
import { sampleLatent } from '@lddm/nn';
import type { LatentDdpm } from '../latent-ddpm';
import type { ClipArray } from './train-stage1';

export type Stage2TrainingConfig = DeepReadonly<Pick<Stage2Config, 'optimizer' | 'lrSchedule' | 'batchSize' | 'train' | 'emaDecay'>>;

export interface EncodedClips {
  /** Posterior means and log-variances, [N, ...latent] flattened. */
  mu: Float32Array;
  logvar: Float32Array;
  latentShape: number[];
  /** First frames x0, [N, H, W, C] flattened. */
  x0: Float32Array;
  x0Shape: [number, number, number];
  count: number;
}

/** q(z | x) and x0 of every clip, in batches, with the encoder in eval mode. */
export function encodeClips(autoencoder: VideoAutoencoder, clips: ClipArray, batchSize: number): EncodedClips {
  const [n, t, h, w, c] = clips.shape;
  const rowSize = t * h * w * c;
  const mus: Float32Array[] = [];
  const logvars: Float32Array[] = [];
  const x0s: Float32Array[] = [];
  let latentShape: number[] = [];
  autoencoder.eval();
  for (let i = 0; i < n; i += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, n - i) }, (_, k) => i + k);
    tf.tidy(() => {
      const x = tf.tensor5d(gatherRows(clips.data, rowSize, idx), [idx.length, t, h, w, c]);
      const post = autoencoder.encode(x);
      latentShape = post.mu.shape.slice(1);
      mus.push(post.mu.dataSync() as Float32Array);
      logvars.push(post.logvar.dataSync() as Float32Array);
      x0s.push(firstFrame(x).dataSync() as Float32Array);
    });
  }
  return { mu: concatRows(mus), logvar: concatRows(logvars), latentShape, x0: concatRows(x0s), x0Shape: [h, w, c], count: n };
}

export interface Stage2TrainingOptions {
  ddpm: LatentDdpm;
  /**
   * Where config.emaDecay > 0: a second LatentDdpm of the same architecture, starting as a copy
   * of `ddpm` (copyWeights), that holds the moving average of its weights, updated after every
   * step and saved in the checkpoint as module 'ema'; synthesis samples from it.
   */
  ema?: LatentDdpm;
  data: EncodedClips;
  config: Stage2TrainingConfig;
  rng: Rng;
  checkpoint?: { path: string; resume?: boolean };
  onStep?: (step: number, losses: StepLosses, epoch: number) => void;
  onEpoch?: (epoch: number, mean: StepLosses) => void | Promise<void>;
}

/** The checkpoint module synthesis samples from: the weight average where one is kept. */
export function stage2SamplingModule(config: { emaDecay: number }): 'ema' | 'ddpm' {
  return config.emaDecay > 0 ? 'ema' : 'ddpm';
}

export async function trainStage2(options: Stage2TrainingOptions): Promise<TrainLoopResult> {
  const { ddpm, data, config, rng } = options;
  const latentSize = data.latentShape.reduce((a, b) => a * b, 1);
  const [h, w, c] = data.x0Shape;
  const { ema } = options;
  if ((config.emaDecay > 0) !== (ema !== undefined)) {
    throw new Error(`trainStage2: emaDecay ${config.emaDecay} ${ema === undefined ? 'needs' : 'takes no'} EMA module`);
  }
  const optimizer = createOptimizer(config.optimizer);
  ddpm.train();
  try {
    return await trainLoop({
      label: 'lddm stage 2',
      samples: data.count,
      batchSize: config.batchSize,
      length: config.train,
      rng: rng.child('batches'),
      beforeEpoch: (epoch, plan) => {
        optimizer.learningRate = learningRate(config.lrSchedule, config.optimizer.lr, epoch, plan.epochs);
      },
      step: (indices, at) => {
        const r = rng.child(`step${at.step}`);
        const b = indices.length;
        const [mu, logvar, x0] = [
          tf.tensor(gatherRows(data.mu, latentSize, indices), [b, ...data.latentShape]),
          tf.tensor(gatherRows(data.logvar, latentSize, indices), [b, ...data.latentShape]),
          tf.tensor4d(gatherRows(data.x0, h * w * c, indices), [b, h, w, c]),
        ];
        try {
          const z0 = sampleLatent(mu, logvar, r.child('z'));
          const loss = optimizer.step(ddpm, () => ddpm.loss(z0, x0, r.child('diffusion')));
          z0.dispose();
          if (ema !== undefined) updateWeightEma(ema, ddpm, config.emaDecay);
          return { loss };
        } finally {
          tf.dispose([mu, logvar, x0]);
        }
      },
      onStep: options.onStep,
      onEpoch: options.onEpoch,
      checkpoint:
        options.checkpoint === undefined
          ? undefined
          : { ...options.checkpoint, state: { modules: ema === undefined ? { ddpm } : { ddpm, ema }, optimizers: { ddpm: optimizer } } },
    });
  } finally {
    optimizer.dispose();
    ddpm.eval();
  }
}
