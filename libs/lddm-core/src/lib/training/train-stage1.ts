// Stage 1 training: the video autoencoder on one split's training clips (docs/method.md "Stage 1"):
// each step augments a batch, encodes it, decodes a sample z ~ q(z | x) with x0 = the clip's first
// frame and takes an optimiser step on w_l1 L1 + w_p perceptual + w_kl KL; with the adversarial
// terms on, a discriminator step follows each generator step (trainStage1Adversarial).
import { tf, type Rng } from '@lddm/runtime';
import { createOptimizer, gatherRows, learningRate, trainLoop, type StepLosses, type TrainLoopResult } from '@lddm/nn';
import type { DeepReadonly, Stage1Config } from '@lddm/config';
import type { PerceptualDistance } from '../autoencoder/perceptual-distance';
import { stage1Loss } from '../autoencoder/stage1-loss';
import type { VideoAutoencoder } from '../autoencoder/video-autoencoder';
import { augmentClips } from './augment-clips';
import { AdversarialTraining } from './adversarial-training';

export type Stage1TrainingConfig = DeepReadonly<Pick<Stage1Config, 'loss' | 'adversarial' | 'augment' | 'optimizer' | 'lrSchedule' | 'batchSize' | 'train'>>;

export interface ClipArray {
  /** [N, T, H, W, C] in [-1, 1]. */
  data: Float32Array;
  shape: readonly [number, number, number, number, number];
}

export interface Stage1TrainingOptions {
  autoencoder: VideoAutoencoder;
  clips: ClipArray;
  config: Stage1TrainingConfig;
  perceptual?: PerceptualDistance;
  rng: Rng;
  checkpoint?: { path: string; resume?: boolean };
  onStep?: (step: number, losses: StepLosses, epoch: number) => void;
  onEpoch?: (epoch: number, mean: StepLosses) => void | Promise<void>;
}

export async function trainStage1(options: Stage1TrainingOptions): Promise<TrainLoopResult> {
  const { autoencoder, clips, config, rng } = options;
  const [n, t, h, w, c] = clips.shape;
  const rowSize = t * h * w * c;
  const optimizer = createOptimizer(config.optimizer);
  const adversarial = config.adversarial.spatial || config.adversarial.temporal ? new AdversarialTraining(rng.child('discriminators'), config.adversarial, { frames: t, channels: c, size: Math.min(h, w) }) : undefined;
  autoencoder.train();
  try {
    return await trainLoop({
      label: 'lddm stage 1',
      samples: n,
      batchSize: config.batchSize,
      length: config.train,
      rng: rng.child('batches'),
      beforeEpoch: (epoch, plan) => {
        optimizer.learningRate = learningRate(config.lrSchedule, config.optimizer.lr, epoch, plan.epochs);
        adversarial?.setLearningRate(optimizer.learningRate / config.optimizer.lr);
      },
      step: (indices, at) => {
        // Draws named by step: a resumed run repeats exactly the draws of an uninterrupted one.
        const r = rng.child(`step${at.step}`);
        const x = tf.tidy(() => augmentClips(tf.tensor5d(gatherRows(clips.data, rowSize, indices), [indices.length, t, h, w, c]), config.augment, r.child('augment')));
        const adversarialOn = adversarial !== undefined && at.epoch >= config.adversarial.startEpoch;
        const parts: StepLosses = {};
        try {
          const total = optimizer.step(autoencoder, () => {
            const { recon, posterior } = autoencoder.reconstruct(x, { sample: true, rng: r.child('z') });
            const loss = stage1Loss({ x, recon, posterior, weights: config.loss, perceptual: options.perceptual });
            parts.l1 = loss.l1.dataSync()[0];
            parts.perceptual = loss.perceptual.dataSync()[0];
            parts.kl = loss.kl.dataSync()[0];
            if (!adversarialOn) return loss.total;
            const g = adversarial.generatorLoss(x, recon, r.child('window'));
            parts.gAdv = g.adversarial.dataSync()[0];
            parts.featureMatching = g.featureMatching.dataSync()[0];
            return tf.add(loss.total, g.total) as tf.Scalar;
          });
          const losses: StepLosses = { loss: total, ...parts };
          if (adversarialOn) {
            const recon = tf.tidy(() => autoencoder.reconstruct(x, { sample: true, rng: r.child('z') }).recon);
            Object.assign(losses, adversarial.discriminatorStep(x, recon, r.child('window')));
            recon.dispose();
          }
          return losses;
        } finally {
          x.dispose();
        }
      },
      onStep: options.onStep,
      onEpoch: options.onEpoch,
      checkpoint:
        options.checkpoint === undefined
          ? undefined
          : {
              path: options.checkpoint.path,
              resume: options.checkpoint.resume,
              state: { modules: { autoencoder, ...(adversarial?.modules() ?? {}) }, optimizers: { autoencoder: optimizer, ...(adversarial?.optimizers() ?? {}) } },
            },
    });
  } finally {
    optimizer.dispose();
    adversarial?.dispose();
    autoencoder.eval();
  }
}
