// The profile's stage-2 denoiser section (DenoiserSchema) -> the network for the profile's latent,
// in one place: a ResidualMlpDenoiser for a 'vector' latent [zDim], a UNet3dDenoiser for a
// 'spatiotemporal' latent [T', h, w, c]. Values the profile does not name are fixed here:
//   - time: frequencyDim = timeDim = timeEmbedDim (rounded up to even for the sinusoid);
//   - GroupNorm groups: the largest divisor of every width up to 32 in the UNet (ADM's 32), up to
//     8 in the x0 encoder (ConditionImageEncoder's default); the MLP keeps LayerNorm (1 group);
//   - the UNet's x0 feature map is concatenated with z_t (spatialCondition), 2 middle blocks.
import type { DeepReadonly, DenoiserSchema } from '@lddm/config';
import type { Module } from '@lddm/nn';
import type { RandomSource, tf } from '@lddm/runtime';
import type { z } from 'zod';
import type { ConditionedEpsilonModel, EpsilonModel } from '../diffusion/epsilon-model';
import type { ConditionImageEncoderInput } from './condition-image-encoder';
import { ResidualMlpDenoiser, ResidualMlpDenoiserConfigSchema, type ResidualMlpDenoiserConfig } from './residual-mlp-denoiser';
import { UNet3dDenoiserConfigSchema, type UNet3dDenoiserConfig } from './unet-3d-config';
import { UNet3dDenoiser } from './unet-3d-denoiser';

/** A stage-2 network epsilon_theta(z_t, t, x0), whatever the latent's kind. */
export interface LatentDenoiser extends Module {
  /** cond = x0, encoded at every call (training: the encoder learns through it). */
  asEpsilonModel(): EpsilonModel<tf.Tensor4D>;
  /** One x0, encoded once (sampling: the same x0 at every step). */
  conditionedOn(x0: tf.Tensor4D): ConditionedEpsilonModel;
}

export type DenoiserProfile = DeepReadonly<z.infer<typeof DenoiserSchema>>;

export interface LatentSpec {
  kind: 'vector' | 'spatiotemporal';
  /** Per-sample latent shape: [zDim] or [T', h, w, c] (@lddm/config's latentShape). */
  shape: readonly number[];
}

export interface ImageSpec {
  /** x0's height and width. */
  size: number;
  channels: number;
}

export type DenoiserChoice =
  | { kind: 'residual-mlp'; config: ResidualMlpDenoiserConfig }
  | { kind: 'unet-3d'; config: UNet3dDenoiserConfig };

export type BuiltDenoiser =
  | { kind: 'residual-mlp'; network: ResidualMlpDenoiser; config: Readonly<ResidualMlpDenoiserConfig> }
  | { kind: 'unet-3d'; network: UNet3dDenoiser; config: Readonly<UNet3dDenoiserConfig> };

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The largest g <= cap dividing every width. */
export function commonGroups(widths: readonly number[], cap: number): number {
  const g = widths.reduce(gcd, 0);
  for (let k = Math.min(cap, g); k > 1; k--) if (g % k === 0) return k;
  return 1;
}

/** The network config the profile implies (parsed, so every default is filled in). */
export function denoiserConfigFromProfile(denoiser: DenoiserProfile, latent: LatentSpec, image: ImageSpec): DenoiserChoice {
  const where = 'denoiserFromProfile';
  if (!(image.size >= 1 && image.channels >= 1)) throw new Error(`${where}: image size and channels must be positive, got ${image.size}, ${image.channels}`);
  const timeDim = denoiser.timeEmbedDim;
  const time = { timeFrequencyDim: timeDim + (timeDim % 2), timeDim };
  const imageEncoder: ConditionImageEncoderInput = {
    inChannels: image.channels,
    widths: [...denoiser.condWidths],
    groups: commonGroups(denoiser.condWidths, 8),
    condDim: denoiser.condDim,
  };
  if (latent.kind === 'vector') {
    if (latent.shape.length !== 1) throw new Error(`${where}: a vector latent has shape [zDim], got [${latent.shape.join(', ')}]`);
    const width = denoiser.widths[0];
    // The residual MLP has one stream width and no dropout: refuse values it would silently ignore.
    if (denoiser.widths.some((w) => w !== width)) throw new Error(`${where}: a vector latent's residual MLP needs equal widths, got [${denoiser.widths.join(', ')}]`);
    if (denoiser.dropout > 0) throw new Error(`${where}: the residual MLP denoiser has no dropout; set dropout to 0 for a vector latent`);
    const config = ResidualMlpDenoiserConfigSchema.parse({ zDim: latent.shape[0], width, blocks: denoiser.widths.length * denoiser.blocksPerLevel, ...time, image: imageEncoder });
    return { kind: 'residual-mlp', config };
  }
  if (latent.shape.length !== 4) throw new Error(`${where}: a spatiotemporal latent has shape [T', h, w, c], got [${latent.shape.join(', ')}]`);
  const [frames, height, width, channels] = latent.shape;
  const config = UNet3dDenoiserConfigSchema.parse({
    latent: { frames, height, width, channels },
    widths: [...denoiser.widths],
    blocksPerLevel: denoiser.blocksPerLevel,
    normGroups: commonGroups(denoiser.widths, 32),
    ...time,
    image: imageEncoder,
    dropout: denoiser.dropout,
  });
  return { kind: 'unet-3d', config };
}

/** Builds the stage-2 network for the profile's denoiser section and latent, seeded by `source`. */
export function denoiserFromProfile(denoiser: DenoiserProfile, latent: LatentSpec, image: ImageSpec, source: RandomSource): BuiltDenoiser {
  const choice = denoiserConfigFromProfile(denoiser, latent, image);
  if (choice.kind === 'residual-mlp') {
    const network = new ResidualMlpDenoiser(source, choice.config);
    return { kind: choice.kind, network, config: network.config };
  }
  const network = new UNet3dDenoiser(source, choice.config);
  return { kind: choice.kind, network, config: network.config };
}
