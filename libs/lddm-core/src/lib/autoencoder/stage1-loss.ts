// Stage 1's training objective (the cINN reference; docs/method.md "Stage 1", Loss):
//   total = w_l1 * mean|x - recon| + w_p * mean_frames perceptual(x_t, recon_t) + w_kl * KL(q(z|x) || N(0, I))
// reference weights 10, 30, 1e-6 with LPIPS-VGG as the perceptual distance. KL is klDivergence:
// summed over z's elements, averaged over the batch.
import { tf } from '@lddm/runtime';
import { klDivergence } from '@lddm/nn';
import type { Posterior } from './video-encoder-3d';
import type { PerceptualDistance } from './perceptual-distance';

export interface Stage1LossWeights {
  l1: number;
  perceptual: number;
  kl: number;
}

export interface Stage1LossArgs {
  /** The clip and its reconstruction, [B, T, H, W, C] in [-1, 1]. */
  x: tf.Tensor5D;
  recon: tf.Tensor5D;
  posterior: Posterior;
  weights: Stage1LossWeights;
  /** May be omitted only when weights.perceptual is 0. */
  perceptual?: PerceptualDistance;
}

export interface Stage1Loss {
  total: tf.Scalar;
  /** The unweighted terms. */
  l1: tf.Scalar;
  perceptual: tf.Scalar;
  kl: tf.Scalar;
}

/** Frames of a clip batch as one image batch, [B * T, H, W, C]. */
export function framesOf(x: tf.Tensor5D): tf.Tensor4D {
  const [b, t, h, w, c] = x.shape;
  return tf.reshape<tf.Rank.R4>(x, [b * t, h, w, c]);
}

export function stage1Loss(args: Stage1LossArgs): Stage1Loss {
  const { x, recon, posterior, weights } = args;
  if (x.shape.join() !== recon.shape.join()) throw new Error(`stage1Loss: x [${x.shape.join(', ')}] and recon [${recon.shape.join(', ')}] differ`);
  if (weights.perceptual !== 0 && args.perceptual === undefined) throw new Error('stage1Loss: weights.perceptual is non-zero but no perceptual distance was given');
  const l1 = tf.tidy(() => tf.mean<tf.Scalar>(tf.abs(tf.sub(x, recon))));
  // The distance is a mean over the B*T frames: "per frame" as the reference averages LPIPS.
  const perceptual = args.perceptual === undefined ? tf.scalar(0) : tf.tidy(() => args.perceptual?.distance(framesOf(x), framesOf(recon)) ?? tf.scalar(0));
  const kl = klDivergence(posterior.mu, posterior.logvar);
  const total = tf.tidy(() => tf.addN<tf.Scalar>([tf.mul<tf.Scalar>(l1, weights.l1), tf.mul<tf.Scalar>(perceptual, weights.perceptual), tf.mul<tf.Scalar>(kl, weights.kl)]));
  return { total, l1, perceptual, kl };
}
