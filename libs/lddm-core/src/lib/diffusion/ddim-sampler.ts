// DDIM (Song, Meng & Ermon 2021): the generalised reverse process of eq. 12 on a subsequence
// tau_1 < ... < tau_S of 1..T, so that S << T model calls suffice. eta = 0 makes it deterministic
// given z_T; eta = 1 on all T steps is DDPM ancestral sampling with sigma_t^2 = beta-tilde_t.
import { tf } from '@lddm/runtime';
import type { DeepReadonly, Stage2Config } from '@lddm/config';
import { standardNormal } from '@lddm/nn';
import type { NoiseSchedule } from './noise-schedule';
import { callModel, type Sampler, type StepInput } from './sampler';

/**
 * S = ddimSteps model calls, eta of eq. 16 (0 deterministic, 1 as stochastic as DDPM), the spacing
 * of tau_1..tau_S, and clipDenoised: clamp the predicted z_0 to [-c, c] (and re-derive eps from it)
 * before each step, 0 = off. As diffusers' clip_sample: at large t, z0Hat divides eps_theta's error
 * by sqrt(abar_t) (~0.006 at T = 1000, linear), so an imprecise model's first steps can throw z far
 * out of range. The profile's lddm.stage2.sampler.
 */
export type DdimSamplerConfig = DeepReadonly<Pick<Stage2Config['sampler'], 'ddimSteps' | 'eta' | 'spacing' | 'clipDenoised'>>;
export type DdimSpacing = DdimSamplerConfig['spacing'];

/**
 * tau_1 < ... < tau_S in 1..T, ascending. Ties from rounding are pushed up by one, so that every
 * tau is distinct; S = T gives 1..T for either spacing.
 */
export function ddimTimesteps(T: number, steps: number, spacing: DdimSpacing): number[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > T) {
    throw new Error(`ddimTimesteps: steps must be an integer in 1..${T}, got ${steps}`);
  }
  const tau: number[] = [];
  for (let i = 1; i <= steps; i++) {
    const raw = spacing === 'even' ? Math.round((i * T) / steps) : Math.round(T * (i / steps) ** 2);
    // Distinct and still ending at T: tau_i is at least i and at most T - (S - i).
    tau.push(Math.min(Math.max(raw, (tau[i - 2] ?? 0) + 1), T - (steps - i)));
  }
  return tau;
}

export class DdimSampler implements Sampler {
  readonly name = 'ddim';
  readonly config: Readonly<DdimSamplerConfig>;
  readonly steps: number;
  readonly timesteps: readonly number[];

  constructor(
    readonly schedule: NoiseSchedule,
    sampler: DdimSamplerConfig,
  ) {
    const { ddimSteps, eta, spacing, clipDenoised } = sampler;
    this.config = Object.freeze({ ddimSteps, eta, spacing, clipDenoised });
    this.steps = ddimSteps;
    this.timesteps = Object.freeze(ddimTimesteps(schedule.timesteps, ddimSteps, spacing).reverse());
  }

  /** sigma_{tau_i}(eta) of eq. 16 for the step from t to tPrev (tPrev = 0 gives 0). */
  sigma(t: number, tPrev: number): number {
    const abar = this.schedule.alphaBar;
    // eq. 16: sigma = eta * sqrt((1 - abar_{t-1}) / (1 - abar_t)) * sqrt(1 - abar_t / abar_{t-1}).
    return this.config.eta * Math.sqrt((1 - abar[tPrev]) / (1 - abar[t])) * Math.sqrt(1 - abar[t] / abar[tPrev]);
  }

  step<C>({ model, zt, t, tPrev, cond, rng }: StepInput<C>): tf.Tensor {
    // tPrev = tau_{i-1}, with tau_0 = 0 and alpha-bar_0 = 1: the last step returns the predicted z_0.
    const abar = this.schedule.alphaBar;
    const sigma = this.sigma(t, tPrev);
    return tf.tidy(() => {
      const epsHat = callModel('DdimSampler', model, zt, t, cond);
      // eq. 12, "predicted z_0": (z_t - sqrt(1 - abar_t) eps_theta(z_t)) / sqrt(abar_t).
      let z0Hat = tf.div(tf.sub(zt, tf.mul(epsHat, Math.sqrt(1 - abar[t]))), Math.sqrt(abar[t]));
      let eps: tf.Tensor = epsHat;
      const c = this.config.clipDenoised;
      if (c > 0) {
        z0Hat = tf.clipByValue(z0Hat, -c, c);
        // The eps consistent with the clipped z_0 (as diffusers re-derives it).
        eps = tf.div(tf.sub(zt, tf.mul(z0Hat, Math.sqrt(abar[t]))), Math.sqrt(1 - abar[t]));
      }
      // eq. 12, "direction pointing to z_t": sqrt(1 - abar_{t-1} - sigma_t^2) eps_theta(z_t).
      const direction = tf.mul(eps, Math.sqrt(Math.max(0, 1 - abar[tPrev] - sigma * sigma)));
      // eq. 12: z_{t-1} = sqrt(abar_{t-1}) z0Hat + direction + sigma_t n, n ~ N(0, I).
      const mean = tf.add(tf.mul(z0Hat, Math.sqrt(abar[tPrev])), direction);
      // Noise is drawn only when sigma_t > 0, so eta = 0 consumes nothing after z_T.
      return sigma > 0 ? tf.add(mean, tf.mul(standardNormal(zt.shape, rng), sigma)) : mean;
    });
  }
}
