// Ancestral sampling of Ho et al. 2020 (Algorithm 2, eq. 11): one model call per timestep,
// t = T, T-1, ..., 1, each step drawing z_{t-1} ~ p_theta(z_{t-1} | z_t). The loop is sampleLoop.
import { tf } from '@lddm/runtime';
import type { DeepReadonly, Stage2Config } from '@lddm/config';
import { standardNormal } from '@lddm/nn';
import type { NoiseSchedule } from './noise-schedule';
import { callModel, type Sampler, type StepInput } from './sampler';

/**
 * sigma_t^2 of the reverse step: the profile's lddm.stage2.sampler.variance; clipDenoised: clamp
 * the predicted z_0 to [-c, c] before each step (0 = off), as for DDIM.
 */
export type DdpmSamplerConfig = DeepReadonly<Pick<Stage2Config['sampler'], 'variance' | 'clipDenoised'>>;

export class DdpmSampler implements Sampler {
  readonly name = 'ddpm';
  readonly config: Readonly<DdpmSamplerConfig>;
  readonly steps: number;
  readonly timesteps: readonly number[];

  constructor(
    readonly schedule: NoiseSchedule,
    sampler: DdpmSamplerConfig,
  ) {
    this.config = Object.freeze({ variance: sampler.variance, clipDenoised: sampler.clipDenoised });
    this.steps = schedule.timesteps;
    this.timesteps = Object.freeze(Array.from({ length: schedule.timesteps }, (_, i) => schedule.timesteps - i));
  }

  /** sigma_t, the standard deviation of the noise added on the step from t to t - 1. */
  sigma(t: number): number {
    this.schedule.checkTimestep(t, 'DdpmSampler.sigma');
    const s = this.schedule;
    return Math.sqrt(this.config.variance === 'beta' ? s.beta[t] : s.posteriorVariance[t]);
  }

  step<C>({ model, zt, t, cond, rng }: StepInput<C>): tf.Tensor {
    const s = this.schedule;
    return tf.tidy(() => {
      const epsHat = callModel('DdpmSampler', model, zt, t, cond);
      const c = this.config.clipDenoised;
      let mean: tf.Tensor;
      if (c > 0) {
        // With z0-clipping, the same mean written through the predicted z_0 (Ho et al. eq. 7 with
        // eq. 15's z0Hat), so that the clipped z_0 is what the step moves towards.
        const z0Hat = tf.clipByValue(tf.div(tf.sub(zt, tf.mul(epsHat, s.sqrtOneMinusAlphaBar[t])), Math.sqrt(s.alphaBar[t])), -c, c);
        const [c0, ct] = [(Math.sqrt(s.alphaBar[t - 1]) * s.beta[t]) / (1 - s.alphaBar[t]), (Math.sqrt(s.alpha[t]) * (1 - s.alphaBar[t - 1])) / (1 - s.alphaBar[t])];
        mean = tf.add(tf.mul(z0Hat, c0), tf.mul(zt, ct));
      } else {
        // eq. 11: mu_theta(z_t, t) = 1 / sqrt(alpha_t) * (z_t - beta_t / sqrt(1 - alpha-bar_t) * eps_theta(z_t, t, c)).
        mean = tf.mul(tf.sub(zt, tf.mul(epsHat, s.beta[t] / s.sqrtOneMinusAlphaBar[t])), 1 / Math.sqrt(s.alpha[t]));
      }
      // Algorithm 2, lines 3-4: z_{t-1} = mu_theta + sigma_t n, n ~ N(0, I) if t > 1, else n = 0.
      if (t === 1) return mean;
      return tf.add(mean, tf.mul(standardNormal(zt.shape, rng), this.sigma(t)));
    });
  }
}
