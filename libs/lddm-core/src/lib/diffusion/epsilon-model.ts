// The one thing training and sampling need from the denoiser network: epsilon_theta(z_t, t, c).
// A plain function type, so that schedules, losses and samplers import no network (the network,
// an nn Module, is wrapped into this shape where it is built).
import type { tf } from '@lddm/runtime';

/**
 * epsilon_theta(z_t, t, cond): the noise predicted in z_t, with z_t's shape.
 * - zt: [B, ...latent] noisy latents.
 * - t: int32 [B], each row's timestep in the paper's 1..T.
 * - cond: the condition c (in LDDM the first frame x0 or its features); `undefined` when none.
 * The caller owns zt, t and cond and disposes them; the model must not. The returned tensor is the
 * caller's (a training loss keeps it on the gradient tape).
 */
export type EpsilonModel<C = undefined> = (zt: tf.Tensor, t: tf.Tensor1D, cond: C) => tf.Tensor;

/**
 * epsilon_theta(., ., x0) for one fixed x0 whose features were computed once: a sampler calls the
 * model at every step (T = 1000 for DDPM) with the same condition, and the image encoder is most of
 * a step's cost. `dispose` frees the features.
 */
export interface ConditionedEpsilonModel {
  readonly model: EpsilonModel<undefined>;
  dispose(): void;
}
