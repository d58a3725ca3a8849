// Synthesis (the paper's Sec. 2.3): for each condition image x, sample z' ~ p(z | x) with the
// latent DDPM, then decode the clip from (z', x). The stage-1 encoder is not used.
import { createProgress, tf, type Rng } from '@lddm/runtime';
import type { VideoAutoencoder } from './autoencoder/video-autoencoder';
import type { LatentDdpm, SamplerChoice } from './latent-ddpm';

export interface ConditionImages {
  /** [N, H, W, C] in [-1, 1]. */
  data: Float32Array;
  shape: readonly [number, number, number, number];
}

export interface SynthesisOptions {
  autoencoder: VideoAutoencoder;
  ddpm: LatentDdpm;
  images: ConditionImages;
  sampler: SamplerChoice;
  batchSize: number;
  /** Batch k draws from rng.child(`batch${k}`). */
  rng: Rng;
  label?: string;
}

/**
 * How the sampled latents sit against what stage 2 was trained on, in the standardised space
 * (training latents have mean 0 and std 1 per channel there, latent-ddpm.ts): a sampler that
 * diverged shows a large mean or std, or many values far outside the training range.
 */
export interface LatentStats {
  /** Mean over channels of |mean of the channel|. */
  meanAbs: number;
  /** Mean over channels of the channel's std. */
  std: number;
  /** Fraction of values with |z| > 4 (training draws: ~6e-5). */
  outside4: number;
}

/** LatentStats of standardised latents, channels on the last axis. */
export function latentStats(values: Float32Array, channels: number): LatentStats {
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    sum[i % channels] += v;
    sq[i % channels] += v * v;
    if (Math.abs(v) > 4) outside++;
  }
  const rows = values.length / channels;
  let meanAbs = 0;
  let std = 0;
  for (let c = 0; c < channels; c++) {
    const m = sum[c] / rows;
    meanAbs += Math.abs(m) / channels;
    std += Math.sqrt(Math.max(0, sq[c] / rows - m * m)) / channels;
  }
  return { meanAbs, std, outside4: outside / values.length };
}

/** Clips [N, T, H, W, C] (flattened), one per image, in the images' order, and the latents' statistics. */
export function synthesizeClips(options: SynthesisOptions): { data: Float32Array; shape: [number, number, number, number, number]; latentStats: LatentStats } {
  const { autoencoder, ddpm, images, batchSize } = options;
  const [n, h, w, c] = images.shape;
  const { frames } = autoencoder.config.decoder;
  if (h !== autoencoder.config.decoder.height || w !== autoencoder.config.decoder.width || c !== autoencoder.config.decoder.outChannels) {
    throw new Error(`synthesizeClips: images are ${h}x${w}x${c}, the decoder makes ${autoencoder.config.decoder.height}x${autoencoder.config.decoder.width}x${autoencoder.config.decoder.outChannels} clips`);
  }
  const frameSize = h * w * c;
  const out = new Float32Array(n * frames * frameSize);
  const sampler = ddpm.sampler(options.sampler);
  const progress = createProgress({ label: options.label ?? 'synthesis', total: n, unit: 'video' });
  const standardised: Float32Array[] = [];
  autoencoder.eval();
  for (let i = 0, k = 0; i < n; i += batchSize, k++) {
    const b = Math.min(batchSize, n - i);
    const x0 = tf.tensor4d(images.data.subarray(i * frameSize, (i + b) * frameSize), [b, h, w, c]);
    const z = ddpm.sample(x0, { sampler, rng: options.rng.child(`batch${k}`) });
    standardised.push(tf.tidy(() => ddpm.normalise(z).dataSync() as Float32Array));
    const clip = autoencoder.decode(z, x0);
    out.set(clip.dataSync() as Float32Array, i * frames * frameSize);
    tf.dispose([x0, z, clip]);
    progress.tick(b);
  }
  progress.done();
  const all = new Float32Array(standardised.reduce((a, x) => a + x.length, 0));
  standardised.reduce((at, x) => (all.set(x, at), at + x.length), 0);
  return { data: out, shape: [n, frames, h, w, c], latentStats: latentStats(all, ddpm.latentShape[ddpm.latentShape.length - 1]) };
}
