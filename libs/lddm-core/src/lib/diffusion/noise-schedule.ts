// The variance schedule of the forward (noising) process, apart from any network (diffusers'
// schedulers keep the same separation). Everything here is float64 plain JavaScript: tensors are
// made from these numbers only where a step needs them. The arrays are shared, not copied: read
// them, never write them (typed arrays cannot be frozen).
//
// Index convention: every array has length T + 1 and is indexed by the paper's timestep t itself,
// t = 1..T. Index 0 stands for the clean latent z_0: beta_0 = 0, alpha_0 = 1, alpha-bar_0 = 1, so
// "alpha-bar_{t-1}" is simply `alphaBar[t - 1]` also at t = 1. The posterior entries at index 0
// are NaN (there is no step into t = 0 from t = 0), so their misuse shows up loudly.
import type { DeepReadonly, Stage2Config } from '@lddm/config';

/** T and the beta schedule, as the profile's lddm.stage2 states them (validated there). */
export type NoiseScheduleConfig = DeepReadonly<Pick<Stage2Config, 'timesteps' | 'schedule'>>;

/** Nichol & Dhariwal clip every beta_t of the cosine schedule at 0.999 (no singularity at t = T). */
export const COSINE_MAX_BETA = 0.999;

export class NoiseSchedule {
  /** The parsed, frozen config (serialise it with the run). */
  readonly config: Readonly<NoiseScheduleConfig>;
  /** T. */
  readonly timesteps: number;
  /** beta_t. */
  readonly beta: Float64Array;
  /** alpha_t = 1 - beta_t. */
  readonly alpha: Float64Array;
  /** alpha-bar_t = prod_{s=1..t} alpha_s. */
  readonly alphaBar: Float64Array;
  /** sqrt(alpha-bar_t): the scale of z_0 in q(z_t | z_0) (Ho eq. 4). */
  readonly sqrtAlphaBar: Float64Array;
  /** sqrt(1 - alpha-bar_t): the scale of eps in q(z_t | z_0) (Ho eq. 4). */
  readonly sqrtOneMinusAlphaBar: Float64Array;
  /** beta-tilde_t = (1 - alpha-bar_{t-1}) / (1 - alpha-bar_t) * beta_t (Ho eq. 7). */
  readonly posteriorVariance: Float64Array;
  /** Coefficient of z_0 in mu-tilde_t: sqrt(alpha-bar_{t-1}) beta_t / (1 - alpha-bar_t) (Ho eq. 7). */
  readonly posteriorMeanCoefZ0: Float64Array;
  /** Coefficient of z_t in mu-tilde_t: sqrt(alpha_t) (1 - alpha-bar_{t-1}) / (1 - alpha-bar_t) (Ho eq. 7). */
  readonly posteriorMeanCoefZt: Float64Array;

  constructor(stage2: NoiseScheduleConfig) {
    this.config = Object.freeze({ timesteps: stage2.timesteps, schedule: Object.freeze({ ...stage2.schedule }) });
    const T = stage2.timesteps;
    this.timesteps = T;
    const n = T + 1;
    this.beta = stage2.schedule.kind === 'linear' ? linearBetas(T, stage2.schedule) : cosineBetas(T, stage2.schedule);
    this.alpha = new Float64Array(n);
    this.alphaBar = new Float64Array(n);
    this.sqrtAlphaBar = new Float64Array(n);
    this.sqrtOneMinusAlphaBar = new Float64Array(n);
    this.posteriorVariance = new Float64Array(n).fill(Number.NaN);
    this.posteriorMeanCoefZ0 = new Float64Array(n).fill(Number.NaN);
    this.posteriorMeanCoefZt = new Float64Array(n).fill(Number.NaN);
    this.alpha[0] = 1;
    this.alphaBar[0] = 1;
    this.sqrtAlphaBar[0] = 1;
    for (let t = 1; t <= T; t++) {
      this.alpha[t] = 1 - this.beta[t];
      this.alphaBar[t] = this.alphaBar[t - 1] * this.alpha[t];
      this.sqrtAlphaBar[t] = Math.sqrt(this.alphaBar[t]);
      this.sqrtOneMinusAlphaBar[t] = Math.sqrt(1 - this.alphaBar[t]);
      // Ho et al. eq. 7: q(z_{t-1} | z_t, z_0) = N(mu-tilde_t, beta-tilde_t I) with
      // mu-tilde_t = sqrt(abar_{t-1}) beta_t / (1 - abar_t) z_0 + sqrt(alpha_t) (1 - abar_{t-1}) / (1 - abar_t) z_t.
      const oneMinusAbar = 1 - this.alphaBar[t];
      const oneMinusAbarPrev = 1 - this.alphaBar[t - 1];
      this.posteriorVariance[t] = (oneMinusAbarPrev / oneMinusAbar) * this.beta[t];
      this.posteriorMeanCoefZ0[t] = (Math.sqrt(this.alphaBar[t - 1]) * this.beta[t]) / oneMinusAbar;
      this.posteriorMeanCoefZt[t] = (Math.sqrt(this.alpha[t]) * oneMinusAbarPrev) / oneMinusAbar;
    }
  }

  /** Throws unless t is an integer timestep in 1..T (`allowZero` also admits t = 0, the data). */
  checkTimestep(t: number, where: string, allowZero = false): void {
    const lo = allowZero ? 0 : 1;
    if (!Number.isInteger(t) || t < lo || t > this.timesteps) {
      throw new Error(`${where}: timestep must be an integer in ${lo}..${this.timesteps}, got ${t}`);
    }
  }
}

type Schedule = NoiseScheduleConfig['schedule'];

/** Ho et al. 2020: beta_t linear in t from beta_1 = betaStart to beta_T = betaEnd. */
function linearBetas(T: number, c: Schedule): Float64Array {
  const beta = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) {
    beta[t] = T === 1 ? c.betaStart : c.betaStart + ((t - 1) / (T - 1)) * (c.betaEnd - c.betaStart);
  }
  return beta;
}

/**
 * The closed form of the cosine schedule (Nichol & Dhariwal 2021, eq. 17):
 * alpha-bar(t) = f(t) / f(0), f(t) = cos^2(((t / T + s) / (1 + s)) * pi / 2).
 */
export function cosineAlphaBar(t: number, T: number, s: number): number {
  const f = (u: number): number => Math.cos(((u / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  return f(t) / f(0);
}

/** beta_t = min(1 - alpha-bar(t) / alpha-bar(t - 1), 0.999) (Nichol & Dhariwal 2021, sec. 3.2). */
function cosineBetas(T: number, c: Schedule): Float64Array {
  const beta = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) {
    const ratio = cosineAlphaBar(t, T, c.cosineS) / cosineAlphaBar(t - 1, T, c.cosineS);
    beta[t] = Math.min(1 - ratio, COSINE_MAX_BETA);
  }
  return beta;
}
