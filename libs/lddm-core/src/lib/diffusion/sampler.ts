// What every sampler of the reverse process offers, whatever its update rule: start from
// z_T ~ N(0, I), call the model once per step, return z_0. DdpmSampler and DdimSampler implement it;
// every implementation runs the one contract suite (testing/sampler-contract.ts).
import type { Rng, tf } from '@lddm/runtime';
import type { EpsilonModel } from './epsilon-model';

/** Reported after each step of a sampling loop. */
export interface SamplerStep {
  /** 1-based count of the steps done. */
  step: number;
  /** The loop's number of steps. */
  steps: number;
  /** The timestep just left (the model was called at t). */
  t: number;
  /** The timestep reached (0 once z_0 is returned). */
  tPrev: number;
}

export interface SampleOptions<C> {
  model: EpsilonModel<C>;
  /** Shape of z, batch first: [B, ...latent]. */
  shape: readonly number[];
  cond: C;
  /** All the randomness (z_T and every step's noise) comes from here: the same seed, the same sample. */
  rng: Rng;
  onStep?: (info: SamplerStep) => void;
}

export interface Sampler {
  /** A short name for logs and run records, e.g. 'ddpm' or 'ddim'. */
  readonly name: string;
  /** Model calls per sample. */
  readonly steps: number;
  /** The timesteps the model is called at, in calling order (descending, in 1..T). */
  readonly timesteps: readonly number[];
  /** z_0 of `shape`; the caller owns it. Every intermediate tensor is disposed. */
  sample<C>(options: SampleOptions<C>): tf.Tensor;
}

/** Checks a model output against z_t's shape, naming the sampler. */
export function checkModelOutput(where: string, epsHat: tf.Tensor, zt: tf.Tensor): void {
  const same = epsHat.shape.length === zt.shape.length && epsHat.shape.every((d, i) => d === zt.shape[i]);
  if (!same) {
    throw new Error(`${where}: the model returned [${epsHat.shape.join(', ')}], expected z_t's [${zt.shape.join(', ')}]`);
  }
}

/** The batch size of a sample shape [B, ...latent], which must hold positive integers. */
export function checkShape(shape: readonly number[]): number {
  if (shape.length < 1 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new Error(`sampler: shape must be [batch, ...latent] of positive integers, got [${shape.join(', ')}]`);
  }
  return shape[0];
}
