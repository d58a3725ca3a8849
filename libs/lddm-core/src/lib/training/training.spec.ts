// The stage trainers end to end on a tiny moving-disk set: stage 1 with checkpoint and resume,
// the adversarial branch (both discriminators, R1), stage 2 on the encoded latents, synthesis.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { copyWeights, restoreTrainingCheckpoint } from '@lddm/nn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multiScaleGradientDistance } from '../autoencoder/perceptual-stand-in';
import { VideoAutoencoder } from '../autoencoder/video-autoencoder';
import { LatentDdpm } from '../latent-ddpm';
import { clip, paperSampler, smokeStage1, smokeStage2 } from '../testing/profile-sections';
import { synthesizeClips } from '../synthesis';
import { encodeClips, stage2SamplingModule, trainStage2 } from './train-stage2';
import { trainStage1, type ClipArray, type Stage1TrainingConfig } from './train-stage1';

const dir = mkdtempSync(join(tmpdir(), 'lddm-train-'));
beforeAll(async () => {
  process.env.LDDM_PROGRESS = 'off';
  await initBackend('wasm');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [T, S] = [8, 16];
/** The smoke profile's stage 1, smaller: z in R^8 from clips of 8 x 16 x 16. */
const tinyAutoencoder = smokeStage1({ encoder: { channels: [4, 4, 8, 8, 8], blocksPerStage: 2 }, latent: { zDim: 8 }, decoder: { nf: 4, channelMults: [2, 2, 1], spadeHidden: 4 } });
const tinyClip = clip(T, S);
/** Latent DDPM settings for z in R^8: T = 50, one residual block. */
const tinyStage2 = (width: number) => smokeStage2({ timesteps: 50, denoiser: { widths: [width], blocksPerLevel: 1, timeEmbedDim: 8, condWidths: [4], condDim: 8 } });
const ddim5 = paperSampler({ kind: 'ddim', ddimSteps: 5, eta: 0 });

/** n clips of a bright disk moving left or right on a dark background. */
function movingDisks(n: number): ClipArray {
  const data = new Float32Array(n * T * S * S).fill(-1);
  for (let i = 0; i < n; i++) {
    const dir = i % 2 === 0 ? 1 : -1;
    for (let t = 0; t < T; t++) {
      const cx = 8 + dir * (t - T / 2) * 0.75;
      for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) if ((x - cx) ** 2 + (y - 8) ** 2 < 9) data[((i * T + t) * S + y) * S + x] = 1;
    }
  }
  return { data, shape: [n, T, S, S, 1] };
}

const stage1Config = (epochs: number, adversarial = false): Stage1TrainingConfig => ({
  loss: { l1: 10, perceptual: 1, kl: 1e-6 },
  adversarial: { spatial: adversarial, temporal: adversarial, temporalWindow: 4, spatialWidth: 64, temporalWidths: [32, 64, 128, 256], weight: 1, featureMatching: 10, r1: 10, startEpoch: 0, optimizer: { kind: 'adam', lr: 2e-4, betas: [0.5, 0.9], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 } },
  augment: { resizeMargin: 2, hflip: true, colorJitter: 0.05 },
  optimizer: { kind: 'adam', lr: 2e-3, betas: [0.5, 0.9], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 },
  lrSchedule: { kind: 'exponential', gamma: 0.98, stepSize: 1 },
  batchSize: 4,
  train: { unit: 'epochs', length: epochs },
});

describe('LDDM training', () => {
  it('trains stage 1 with a checkpoint each epoch and resumes from it at the next epoch', async () => {
    const clips = movingDisks(8);
    const path = join(dir, 'stage1.ckpt');
    const first = new VideoAutoencoder(new Rng(1), tinyAutoencoder, tinyClip);
    const steps: Array<Record<string, number>> = [];
    const a = await trainStage1({ autoencoder: first, clips, config: stage1Config(2), perceptual: multiScaleGradientDistance, rng: new Rng(2), checkpoint: { path, resume: true }, onStep: (_s, l) => steps.push(l) });
    expect(a.steps).toBe(4);
    expect(existsSync(path)).toBe(true);
    expect(Object.keys(steps[0]).sort()).toEqual(['kl', 'l1', 'loss', 'perceptual']);
    steps.forEach((l) => expect(Number.isFinite(l.loss)).toBe(true));
    // Asked for 3 epochs with the same checkpoint: resumes at epoch 2 (0-based) in a rebuilt model.
    const second = new VideoAutoencoder(new Rng(99), tinyAutoencoder, tinyClip);
    const b = await trainStage1({ autoencoder: second, clips, config: stage1Config(3), perceptual: multiScaleGradientDistance, rng: new Rng(2), checkpoint: { path, resume: true } });
    expect(b.resumedAtEpoch).toBe(2);
    expect(b.steps).toBe(6);
    first.dispose();
    second.dispose();
  });

  it('runs the adversarial branch (PatchGAN + temporal discriminator, feature matching, R1) with finite losses', async () => {
    const ae = new VideoAutoencoder(new Rng(3), tinyAutoencoder, tinyClip);
    const seen: Array<Record<string, number>> = [];
    await trainStage1({ autoencoder: ae, clips: movingDisks(4), config: stage1Config(1, true), perceptual: multiScaleGradientDistance, rng: new Rng(4), onStep: (_s, l) => seen.push(l) });
    expect(Object.keys(seen[0])).toEqual(expect.arrayContaining(['gAdv', 'featureMatching', 'd_spatial', 'd_temporal']));
    Object.values(seen[0]).forEach((v) => expect(Number.isFinite(v)).toBe(true));
    ae.dispose();
  });

  it('trains stage 2 on the encoded latents (the loss falls) and synthesizes clips from images', async () => {
    const clips = movingDisks(16);
    const ae = new VideoAutoencoder(new Rng(5), tinyAutoencoder, tinyClip);
    const encoded = encodeClips(ae, clips, 8);
    expect(encoded.latentShape).toEqual([8]);
    expect(encoded.x0Shape).toEqual([S, S, 1]);
    const ddpm = new LatentDdpm(new Rng(6), tinyStage2(32), { kind: 'vector', shape: encoded.latentShape }, tinyClip);
    ddpm.fitNormalisation(encoded);
    const result = await trainStage2({
      ddpm,
      data: encoded,
      config: { optimizer: { kind: 'adam', lr: 3e-3, betas: [0.9, 0.999], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 }, lrSchedule: { kind: 'none', gamma: 1, stepSize: 1 }, batchSize: 8, train: { unit: 'epochs', length: 25 }, emaDecay: 0 },
      rng: new Rng(7),
    });
    const first = result.history.slice(0, 5).reduce((s, h) => s + h.losses.loss, 0) / 5;
    const last = result.history.slice(-5).reduce((s, h) => s + h.losses.loss, 0) / 5;
    expect(last).toBeLessThan(first);

    const images = { data: encoded.x0.slice(0, 3 * S * S), shape: [3, S, S, 1] as const };
    const video = synthesizeClips({ autoencoder: ae, ddpm, images, sampler: ddim5, batchSize: 2, rng: new Rng(8) });
    expect(video.shape).toEqual([3, T, S, S, 1]);
    expect(video.data.every((v) => v >= -1 && v <= 1)).toBe(true);
    const again = synthesizeClips({ autoencoder: ae, ddpm, images, sampler: ddim5, batchSize: 2, rng: new Rng(8) });
    expect(Array.from(again.data)).toEqual(Array.from(video.data));
    expect(() => synthesizeClips({ autoencoder: ae, ddpm, images: { data: new Float32Array(8 * 8), shape: [1, 8, 8, 1] }, sampler: ddim5, batchSize: 1, rng: new Rng(1) })).toThrow(/images are 8x8x1/);
    ae.dispose();
    ddpm.dispose();
  });

  it('keeps an EMA of the denoiser when emaDecay > 0: saved as module ema, restored for sampling', async () => {
    const clips = movingDisks(8);
    const ae = new VideoAutoencoder(new Rng(5), tinyAutoencoder, tinyClip);
    const encoded = encodeClips(ae, clips, 8);
    const make = () =>
      new LatentDdpm(new Rng(6), tinyStage2(16), { kind: 'vector', shape: encoded.latentShape }, tinyClip);
    const [ddpm, ema, sampled] = [make(), make(), make()];
    ddpm.fitNormalisation(encoded);
    copyWeights(ema, ddpm);
    const config = { optimizer: { kind: 'adam', lr: 3e-3, betas: [0.9, 0.999], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 }, lrSchedule: { kind: 'none', gamma: 1, stepSize: 1 }, batchSize: 4, train: { unit: 'epochs', length: 3 }, emaDecay: 0.9 } as const;
    await expect(trainStage2({ ddpm, data: encoded, config, rng: new Rng(7) })).rejects.toThrow(/needs EMA module/);
    const path = join(dir, 'stage2-ema.safetensors');
    await trainStage2({ ddpm, ema, data: encoded, config, rng: new Rng(7), checkpoint: { path } });
    const weights = (m: LatentDdpm) => m.namedParameters().flatMap(([, v]) => Array.from(v.dataSync()));
    // The average lags the trained weights; buffers (the fitted normalisation) are copied.
    expect(weights(ema)).not.toEqual(weights(ddpm));
    expect(ema.normalisation).toEqual(ddpm.normalisation);
    // What synthesis loads: module 'ema' of the checkpoint when emaDecay > 0, 'ddpm' otherwise.
    expect(stage2SamplingModule({ emaDecay: 0.9 })).toBe('ema');
    expect(stage2SamplingModule({ emaDecay: 0 })).toBe('ddpm');
    await restoreTrainingCheckpoint(path, { modules: { [stage2SamplingModule(config)]: sampled } });
    expect(weights(sampled)).toEqual(weights(ema));
    const z = tf.zeros([2, 8]);
    const x0 = tf.zeros<tf.Rank.R4>([2, S, S, 1]);
    const eps = (m: LatentDdpm) => Array.from(tf.tidy(() => m.denoiser.asEpsilonModel()(z, tf.tensor1d([10, 10], 'int32'), x0)).dataSync());
    expect(eps(sampled)).not.toEqual(eps(ddpm));
    tf.dispose([z, x0]);
    for (const m of [ae, ddpm, ema, sampled]) m.dispose();
  });
});
