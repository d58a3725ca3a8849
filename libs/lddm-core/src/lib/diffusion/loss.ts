// The training objective of stage 2, the paper's eq. 3:
//   L = E_{z_0, c, eps ~ N(0, I), t ~ U{1..T}} || eps - epsilon_theta(z_t, t, c) ||^2,
//   z_t = sqrt(alpha-bar_t) z_0 + sqrt(1 - alpha-bar_t) eps   (Ho et al. eq. 4),
// estimated on a batch as the mean over every entry (Ho et al.'s "simple" loss, eq. 14).
import { tf, type Rng } from '@lddm/runtime';
import type { EpsilonModel } from './epsilon-model';
import { qSample, sampleTimesteps } from './forward-process';
import { standardNormal } from '@lddm/nn';
import type { NoiseSchedule } from './noise-schedule';

/** The random draws of one training step: t ~ U{1..T} per sample and eps ~ N(0, I) of z0's shape. */
export interface TrainingStepInputs {
  t: number[];
  eps: tf.Tensor;
}

/** Draws t and eps for a batch z0 of shape `shape` (eps is the caller's to dispose). */
export function trainingStepInputs(schedule: NoiseSchedule, shape: readonly number[], rng: Rng): TrainingStepInputs {
  if (shape.length < 1) throw new Error('trainingStepInputs: shape needs a batch axis');
  // Drawn in order from `rng` (not from named children), so successive steps get fresh draws.
  const t = sampleTimesteps(schedule, shape[0], rng);
  const eps = standardNormal(shape, rng);
  return { t, eps };
}

export interface EpsilonLossArgs<C> {
  schedule: NoiseSchedule;
  model: EpsilonModel<C>;
  /** Clean latents z_0, [B, ...latent]. */
  z0: tf.Tensor;
  cond: C;
  /** The step's timesteps and noise (see trainingStepInputs). */
  t: readonly number[];
  eps: tf.Tensor;
}

/**
 * The paper's eq. 3 for given draws: mean over the batch and every entry of
 * (eps - epsilon_theta(z_t, t, c))^2, a scalar. Differentiable in the model's weights (call it inside
 * optimizer.minimize); intermediates are released by tidy.
 */
export function epsilonLoss<C>({ schedule, model, z0, cond, t, eps }: EpsilonLossArgs<C>): tf.Scalar {
  return tf.tidy(() => {
    const zt = qSample(schedule, z0, t, eps);
    const tTensor = tf.tensor1d(Int32Array.from(t), 'int32');
    const epsHat = model(zt, tTensor, cond);
    if (!tf.util.arraysEqual(epsHat.shape, eps.shape)) {
      throw new Error(`epsilonLoss: the model returned [${epsHat.shape.join(', ')}], expected [${eps.shape.join(', ')}]`);
    }
    // eq. 3: || eps - epsilon_theta(z_t, t, c) ||^2, averaged over entries and batch.
    return tf.mean<tf.Scalar>(tf.squaredDifference(eps, epsHat));
  });
}

/** One Monte-Carlo estimate of eq. 3 with t and eps drawn from `rng`. */
export function diffusionLoss<C>(args: Omit<EpsilonLossArgs<C>, 't' | 'eps'> & { rng: Rng }): tf.Scalar {
  const { t, eps } = trainingStepInputs(args.schedule, args.z0.shape, args.rng);
  try {
    return epsilonLoss({ ...args, t, eps });
  } finally {
    eps.dispose();
  }
}
