// Ancestral sampling of Ho et al. 2020 (Algorithm 2, eq. 11): one model call per timestep,
// t = T, T-1, ..., 1, each step drawing z_{t-1} ~ p_theta(z_{t-1} | z_t).
import { tf } from '@lddm/runtime';
import type { DeepReadonly, Stage2Config } from '@lddm/config';
import { standardNormal } from '@lddm/nn';
import type { NoiseSchedule } from './noise-schedule';
import { checkModelOutput, checkShape, type SampleOptions, type Sampler } from './sampler';

/** sigma_t^2 of the reverse step: the profile's lddm.stage2.sampler.variance. */
export type DdpmSamplerConfig = DeepReadonly<Pick<Stage2Config['sampler'], 'variance'>>;

export class DdpmSampler implements Sampler {
  readonly name = 'ddpm';
  readonly config: Readonly<DdpmSamplerConfig>;
  readonly steps: number;
  readonly timesteps: readonly number[];

  constructor(
    readonly schedule: NoiseSchedule,
    sampler: DdpmSamplerConfig,
  ) {
    this.config = Object.freeze({ variance: sampler.variance });
    this.steps = schedule.timesteps;
    this.timesteps = Object.freeze(Array.from({ length: schedule.timesteps }, (_, i) => schedule.timesteps - i));
  }

  /** sigma_t, the standard deviation of the noise added on the step from t to t - 1. */
  sigma(t: number): number {
    this.schedule.checkTimestep(t, 'DdpmSampler.sigma');
    const s = this.schedule;
    return Math.sqrt(this.config.variance === 'beta' ? s.beta[t] : s.posteriorVariance[t]);
  }

  sample<C>({ model, shape, cond, rng, onStep }: SampleOptions<C>): tf.Tensor {
    const s = this.schedule;
    const batch = checkShape(shape);
    // z_T ~ N(0, I) (Algorithm 2, line 1).
    let zt = standardNormal(shape, rng);
    try {
      for (const [i, t] of this.timesteps.entries()) {
        const next = tf.tidy(() => {
          const tBatch = tf.tensor1d(new Int32Array(batch).fill(t), 'int32');
          const epsHat = model(zt, tBatch, cond);
          checkModelOutput('DdpmSampler', epsHat, zt);
          // eq. 11: mu_theta(z_t, t) = 1 / sqrt(alpha_t) * (z_t - beta_t / sqrt(1 - alpha-bar_t) * eps_theta(z_t, t, c)).
          const mean = tf.mul(tf.sub(zt, tf.mul(epsHat, s.beta[t] / s.sqrtOneMinusAlphaBar[t])), 1 / Math.sqrt(s.alpha[t]));
          // Algorithm 2, lines 3-4: z_{t-1} = mu_theta + sigma_t n, n ~ N(0, I) if t > 1, else n = 0.
          if (t === 1) return mean;
          return tf.add(mean, tf.mul(standardNormal(shape, rng), this.sigma(t)));
        });
        zt.dispose();
        zt = next;
        onStep?.({ step: i + 1, steps: this.steps, t, tPrev: t - 1 });
      }
      return zt;
    } catch (error) {
      zt.dispose();
      throw error;
    }
  }
}
