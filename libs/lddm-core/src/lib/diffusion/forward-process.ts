// The forward process q(z_t | z_0) in closed form (Ho et al. 2020 eq. 4; the paper's forward
// process on the latent z): z_t = sqrt(alpha-bar_t) z_0 + sqrt(1 - alpha-bar_t) eps, eps ~ N(0, I).
import { tf, type Rng } from '@lddm/runtime';
import type { NoiseSchedule } from './noise-schedule';

/**
 * z_t for a batch: row b of z0 (the leading axis) is noised to its own timestep t[b] in 1..T
 * (t = 0 is allowed and returns z_0 itself). `eps` has z0's shape.
 */
export function qSample(schedule: NoiseSchedule, z0: tf.Tensor, t: readonly number[], eps: tf.Tensor): tf.Tensor {
  if (z0.rank < 1 || z0.shape[0] !== t.length) {
    throw new Error(`qSample: z0 has batch ${z0.shape[0] ?? 'none'} but ${t.length} timesteps were given`);
  }
  if (!tf.util.arraysEqual(z0.shape, eps.shape)) {
    throw new Error(`qSample: eps shape [${eps.shape.join(', ')}] differs from z0 shape [${z0.shape.join(', ')}]`);
  }
  for (const tb of t) schedule.checkTimestep(tb, 'qSample', true);
  return tf.tidy(() => {
    // Per-sample coefficients, shaped [B, 1, ..., 1] to broadcast over each sample's entries.
    const perSample = [t.length, ...z0.shape.slice(1).map(() => 1)];
    const sqrtAbar = tf.tensor(t.map((tb) => schedule.sqrtAlphaBar[tb]), perSample, 'float32');
    const sqrtOneMinusAbar = tf.tensor(t.map((tb) => schedule.sqrtOneMinusAlphaBar[tb]), perSample, 'float32');
    // Ho eq. 4: z_t = sqrt(abar_t) z_0 + sqrt(1 - abar_t) eps.
    return tf.add(tf.mul(sqrtAbar, z0), tf.mul(sqrtOneMinusAbar, eps));
  });
}

/** t ~ U{1, ..., T} for each of `batch` samples (the paper's eq. 3 draws t uniformly). */
export function sampleTimesteps(schedule: NoiseSchedule, batch: number, rng: Rng): number[] {
  if (!Number.isInteger(batch) || batch < 0) throw new Error(`sampleTimesteps: batch must be a non-negative integer, got ${batch}`);
  return Array.from({ length: batch }, () => 1 + rng.int(schedule.timesteps));
}
