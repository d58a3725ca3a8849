// Sampling of the cINN baseline (docs/method.md "cINN baseline"): for each condition frame x0,
// c = E(x0) (the conditioning encoder's mean), v ~ N(0, I), z = f^{-1}(v; c), and the clip is the
// stage-1 decoder's D(z, x0) — the same decoder LDDM uses, so the two differ in how z is sampled.
import { createProgress, tf, type Rng } from '@lddm/runtime';
import type { ConditionVae } from './encoder/condition-vae';
import type { ConditionalFlow } from './flow/conditional-flow';

/**
 * What sampling needs of the stage-1 video autoencoder (LDDM's VideoAutoencoder has it): the
 * decoder D(z, x0) and its clip length. Declared here so the baseline does not depend on LDDM.
 */
export interface ClipDecoder {
  readonly config: { decoder: { frames: number } };
  decode(z: tf.Tensor, x0: tf.Tensor4D): tf.Tensor5D;
  eval(): void;
}

/** Condition images [N, H, W, C] in [-1, 1], flattened. */
export interface ConditionImages {
  data: Float32Array;
  shape: readonly [number, number, number, number];
}

export interface CinnSynthesisOptions {
  autoencoder: ClipDecoder;
  vae: ConditionVae;
  flow: ConditionalFlow;
  /** z's shape per sample ([zDim], or a spatio-temporal shape the flow sees flattened). */
  latentShape: readonly number[];
  images: ConditionImages;
  batchSize: number;
  /** Batch k draws from rng.child(`batch${k}`). */
  rng: Rng;
  temperature?: number;
  label?: string;
}

export function synthesizeWithCinn(options: CinnSynthesisOptions): { data: Float32Array; shape: [number, number, number, number, number] } {
  const { autoencoder, vae, flow, images, batchSize } = options;
  const [n, h, w, c] = images.shape;
  const { frames } = autoencoder.config.decoder;
  const size = options.latentShape.reduce((a, b) => a * b, 1);
  if (size !== flow.config.latentDim) throw new Error(`synthesizeWithCinn: the flow models ${flow.config.latentDim}-d latents, the decoder takes [${options.latentShape.join(', ')}] (${size})`);
  const frameSize = h * w * c;
  const out = new Float32Array(n * frames * frameSize);
  const progress = createProgress({ label: options.label ?? 'synthesis cinn', total: n, unit: 'video' });
  for (const m of [autoencoder, vae, flow]) m.eval();
  for (let i = 0, k = 0; i < n; i += batchSize, k++) {
    const b = Math.min(batchSize, n - i);
    const clip = tf.tidy(() => {
      const x0 = tf.tensor4d(images.data.subarray(i * frameSize, (i + b) * frameSize), [b, h, w, c]);
      const z = flow.sample(vae.encodeMean(x0), options.rng.child(`batch${k}`), options.temperature ?? 1);
      return autoencoder.decode(tf.reshape(z, [b, ...options.latentShape]), x0);
    });
    out.set(clip.dataSync() as Float32Array, i * frames * frameSize);
    clip.dispose();
    progress.tick(b);
  }
  progress.done();
  return { data: out, shape: [n, frames, h, w, c] };
}
