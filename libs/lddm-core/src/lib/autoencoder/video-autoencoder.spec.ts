import { loadProfile } from '@lddm/config';
import { createOptimizer } from '@lddm/nn';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiScaleGradientDistance } from './perceptual-stand-in';
import { stage1Loss } from './stage1-loss';
import { clip as clipOf, smokeStage1 } from '../testing/profile-sections';
import { firstFrame, VideoAutoencoder } from './video-autoencoder';

beforeAll(async () => {
  await initBackend('wasm');
});

/** 8 frames of 16 x 16, latent z in R^8: the smoke profile's stage 1 at smaller values. */
const TINY = smokeStage1({
  encoder: { channels: [4, 8, 8, 8, 8], stemKernel: [3, 3, 3], stemStride: [1, 2, 2], strideT: [2, 2, 2, 1], strideS: [1, 2, 2, 1], blocksPerStage: 2, groups: 4 },
  latent: { kind: 'vector', zDim: 8 },
  decoder: { nf: 4, channelMults: [4, 2, 1], spadeHidden: 4 },
});
const TINY_CLIP = clipOf(8, 16);

/**
 * Clips of a bright disk (radius 3 px) moving 1 px per frame on a dark background, in [-1, 1]:
 * clip k starts at a different place and moves in a different direction.
 */
function movingDisks(): tf.Tensor5D {
  const [clips, frames, size, r] = [4, 8, 16, 3];
  const values = new Float32Array(clips * frames * size * size);
  const starts = [[4, 4, 1, 1], [11, 4, 0, 1], [4, 11, 1, 0], [11, 11, -1, -1]];
  starts.forEach(([y0 = 0, x0 = 0, dy = 0, dx = 0], k) => {
    for (let t = 0; t < frames; t++) {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const inside = (y - y0 - dy * t) ** 2 + (x - x0 - dx * t) ** 2 <= r * r;
          values[((k * frames + t) * size + y) * size + x] = inside ? 1 : -1;
        }
      }
    }
  });
  return tf.tensor5d(values, [clips, frames, size, size, 1]);
}

describe('VideoAutoencoder', () => {
  it('derives the decoder from the encoder and reconstructs the clip shape from its first frame', () => {
    const ae = new VideoAutoencoder(new Rng(1), TINY, TINY_CLIP);
    expect(ae.config.decoder).toMatchObject({ frames: 8, height: 16, width: 16, outChannels: 1, latent: { kind: 'vector', zDim: 8 } });
    const x = tf.clipByValue(tf.randomNormal<tf.Rank.R5>([2, 8, 16, 16, 1], 0, 0.5, 'float32', 1), -1, 1);
    // Eval mode: a training forward also steps SpectralNorm's power iteration.
    ae.eval();
    const { recon, posterior } = ae.reconstruct(x, { sample: true, rng: new Rng(2) });
    expect(recon.shape).toEqual([2, 8, 16, 16, 1]);
    expect(posterior.mu.shape).toEqual([2, 8]);
    // Decoding mu is deterministic; a sample is not mu.
    const a = ae.reconstruct(x, { sample: false }).recon;
    const b = ae.decode(posterior.mu, firstFrame(x));
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
    expect(tf.max(tf.abs(tf.sub(a, recon))).dataSync()[0]).toBeGreaterThan(0);
    expect(() => ae.reconstruct(x, { sample: true })).toThrow(/needs an rng/);
    expect(Array.from(firstFrame(x).dataSync())).toEqual(Array.from(tf.slice(x, [0, 0], [2, 1]).dataSync()));
  });

  it('carries a spatio-temporal latent grid from the encoder to the decoder', () => {
    const ae = new VideoAutoencoder(new Rng(1), { ...TINY, latent: { ...TINY.latent, kind: 'spatiotemporal', channels: 2 } }, TINY_CLIP);
    expect(ae.config.decoder.latent).toEqual({ kind: 'spatiotemporal', channels: 2, shape: [1, 2, 2] });
    ae.dispose();
  });

  // The paper's 128 px halves are built in video-encoder-3d.spec and video-decoder.spec.
  it.each(['smoke', 'cpu'])('reads the %s profile into both halves', (name) => {
    const profile = loadProfile(name);
    const ae = new VideoAutoencoder(new Rng(1), profile.lddm.stage1, profile.data);
    const c = ae.config;
    expect(c.encoder).toMatchObject({ frames: profile.data.framesPerClip, height: profile.data.imageSize, inChannels: profile.data.channels });
    expect(c.encoder.stemPadding).toEqual(profile.lddm.stage1.encoder.stemKernel.map((k) => Math.floor(k / 2)));
    expect(c.encoder.shortcutKernel).toBe(profile.lddm.stage1.encoder.shortcutKernel);
    expect(c.decoder).toMatchObject({ nf: profile.lddm.stage1.decoder.nf, channelMults: profile.lddm.stage1.decoder.channelMults, frames: profile.data.framesPerClip, groups: profile.lddm.stage1.encoder.groups });
    ae.dispose();
  });

  it('learns to reconstruct moving disks: 40 Adam steps at least halve the L1 error (~12 s CPU)', () => {
    const ae = new VideoAutoencoder(new Rng(3), TINY, TINY_CLIP);
    const x = movingDisks();
    const rng = new Rng(4);
    const opt = createOptimizer({ kind: 'adam', lr: 2e-3, betas: [0.5, 0.9], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 });
    const l1 = (): number => tf.tidy(() => tf.mean(tf.abs(tf.sub(ae.reconstruct(x, { sample: false }).recon, x))).dataSync()[0] ?? NaN);
    const before = l1();
    for (let step = 0; step < 40; step++) {
      opt.step(ae, () => {
        const { recon, posterior } = ae.reconstruct(x, { sample: true, rng });
        return stage1Loss({ x, recon, posterior, weights: { l1: 10, perceptual: 3, kl: 1e-6 }, perceptual: multiScaleGradientDistance }).total;
      });
    }
    const after = l1();
    expect(after).toBeLessThan(0.5 * before);
    // And it draws the disks: better than the all-background clip (about 0.22 here), which
    // learning the background alone would give.
    const background = tf.tidy(() => tf.mean(tf.abs(tf.add(x, 1))).dataSync()[0] ?? NaN);
    expect(after).toBeLessThan(0.6 * background);
  });
});
