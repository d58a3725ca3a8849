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

/** Clips [N, T, H, W, C] (flattened), one per image, in the images' order. */
export function synthesizeClips(options: SynthesisOptions): { data: Float32Array; shape: [number, number, number, number, number] } {
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
  autoencoder.eval();
  for (let i = 0, k = 0; i < n; i += batchSize, k++) {
    const b = Math.min(batchSize, n - i);
    const x0 = tf.tensor4d(images.data.subarray(i * frameSize, (i + b) * frameSize), [b, h, w, c]);
    const z = ddpm.sample(x0, { sampler, rng: options.rng.child(`batch${k}`) });
    const clip = autoencoder.decode(z, x0);
    out.set(clip.dataSync() as Float32Array, i * frames * frameSize);
    tf.dispose([x0, z, clip]);
    progress.tick(b);
  }
  progress.done();
  return { data: out, shape: [n, frames, h, w, c] };
}
