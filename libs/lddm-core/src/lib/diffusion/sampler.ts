// What every sampler of the reverse process offers, whatever its update rule: its timesteps and
// one step() from z_t to z_{t_prev} (as diffusers' scheduler.step). The loop that starts from
// z_T ~ N(0, I) and calls step() once per timestep is written once, in sampleLoop below
// (LatentDdpm.sample runs it). DdpmSampler and DdimSampler implement step(); every
// implementation runs the one contract suite (testing/sampler-contract.ts).
import { tf, type Rng } from '@lddm/runtime';
import { standardNormal } from '@lddm/nn';
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

/** One reverse step: the model is called once at t, and z_{tPrev} is returned. */
export interface StepInput<C> {
  model: EpsilonModel<C>;
  /** z_t [B, ...latent]; not disposed by the step. */
  zt: tf.Tensor;
  t: number;
  /** The next timestep of the loop (0 on the last step: the step returns z_0). */
  tPrev: number;
  cond: C;
  /** The step's noise, if it draws any. */
  rng: Rng;
}

export interface Sampler {
  /** A short name for logs and run records, e.g. 'ddpm' or 'ddim'. */
  readonly name: string;
  /** Model calls per sample. */
  readonly steps: number;
  /** The timesteps the model is called at, in calling order (descending, in 1..T). */
  readonly timesteps: readonly number[];
  /** z_{tPrev}; the caller owns it. The step's intermediates are disposed, zt is not. */
  step<C>(input: StepInput<C>): tf.Tensor;
}

/**
 * The sampling loop: z_T ~ N(0, I), then sampler.step at each of its timesteps; returns z_0 (the
 * caller owns it). All the randomness comes from options.rng, z_T first.
 */
export function sampleLoop<C>(sampler: Sampler, { model, shape, cond, rng, onStep }: SampleOptions<C>): tf.Tensor {
  checkShape(shape);
  let zt = standardNormal(shape, rng);
  try {
    for (const [i, t] of sampler.timesteps.entries()) {
      const tPrev = sampler.timesteps[i + 1] ?? 0;
      const next = sampler.step({ model, zt, t, tPrev, cond, rng });
      zt.dispose();
      zt = next;
      onStep?.({ step: i + 1, steps: sampler.steps, t, tPrev });
    }
    return zt;
  } catch (error) {
    zt.dispose();
    throw error;
  }
}

/** The model's eps_theta(z_t, t, cond) for a batch at one timestep, checked against z_t's shape. */
export function callModel<C>(where: string, model: EpsilonModel<C>, zt: tf.Tensor, t: number, cond: C): tf.Tensor {
  const tBatch = tf.tensor1d(new Int32Array(zt.shape[0]).fill(t), 'int32');
  const epsHat = model(zt, tBatch, cond);
  checkModelOutput(where, epsHat, zt);
  return epsHat;
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
