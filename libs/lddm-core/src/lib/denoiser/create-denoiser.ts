// The stage-2 network for the profile's lddm.stage2.denoiser and the stage-1 latent: a
// ResidualMlpDenoiser for a 'vector' latent [zDim], a UNet3dDenoiser for a 'spatiotemporal'
// latent [T', h, w, c]. Each reads the profile section itself.
import type { DataConfig, DeepReadonly, Stage2Config } from '@lddm/config';
import type { Module } from '@lddm/nn';
import type { RandomSource, tf } from '@lddm/runtime';
import type { ConditionedEpsilonModel, EpsilonModel } from '../diffusion/epsilon-model';
import { ResidualMlpDenoiser } from './residual-mlp-denoiser';
import { UNet3dDenoiser } from './unet-3d-denoiser';

/** A stage-2 network epsilon_theta(z_t, t, x0), whatever the latent's kind. */
export interface LatentDenoiser extends Module {
  /** cond = x0, encoded at every call (training: the encoder learns through it). */
  asEpsilonModel(): EpsilonModel<tf.Tensor4D>;
  /** One x0, encoded once (sampling: the same x0 at every step). */
  conditionedOn(x0: tf.Tensor4D): ConditionedEpsilonModel;
}

/** The profile's lddm.stage2.denoiser. */
export type DenoiserConfig = DeepReadonly<Stage2Config['denoiser']>;

export interface LatentSpec {
  kind: 'vector' | 'spatiotemporal';
  /** Per-sample latent shape: [zDim] or [T', h, w, c] (@lddm/config's latentShape). */
  shape: readonly number[];
}

/** x0's size and channels: the profile's data section. */
export type ImageSpec = Pick<DataConfig, 'imageSize' | 'channels'>;

/** Builds the stage-2 network for the latent's kind, seeded by `source`. */
export function createDenoiser(source: RandomSource, denoiser: DenoiserConfig, latent: LatentSpec, image: ImageSpec): ResidualMlpDenoiser | UNet3dDenoiser {
  return latent.kind === 'vector' ? new ResidualMlpDenoiser(source, denoiser, latent, image) : new UNet3dDenoiser(source, denoiser, latent, image);
}
