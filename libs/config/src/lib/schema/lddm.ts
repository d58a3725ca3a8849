// Section `lddm`: stage 1 (video autoencoder) and stage 2 (latent DDPM conditioned on x0).
import { z } from 'zod';
import { LrScheduleSchema, OptimizerSchema, TrainLengthSchema } from './common';
import { bool, nonNegInt, nonNegNum, oneOf, posInt, posIntList, posIntTuple, posNum, unit } from './primitives';

/** 3D ResNet-18 video encoder (docs/method.md "Stage 1"). */
export const EncoderSchema = z.strictObject({
  /** Stem conv3d kernel [kt, kh, kw] (reference: [3, 7, 7], padding = kernel // 2). */
  stemKernel: posIntTuple(3),
  /** Stem stride [st, sh, sw] (reference: [2, 2, 2]; no max-pool). */
  stemStride: posIntTuple(3),
  /** Widths [stem, stage1..stage4]; 128 px: [64, 64, 128, 256, 512]. */
  channels: posIntTuple(5),
  /** Temporal stride of each of the 4 stages (reference: [1, 2, 2, 2]). */
  strideT: posIntTuple(4),
  /** Spatial stride of each of the 4 stages (128 px: [2, 2, 2, 2]; 64 px: [1, 2, 2, 2]). */
  strideS: posIntTuple(4),
  /** BasicBlocks per stage (ResNet-18: 2). */
  blocksPerStage: posInt(),
  /** GroupNorm groups (reference: 16); every width must be divisible by it. */
  groups: posInt(),
  /**
   * Kernel of the strided projection shortcuts: 3 (3x3x3, the cINN reference and docs/method.md;
   * 38.8M encoder parameters at 128 px) or 1 (1x1x1, the classic 3D ResNet-18; 34.2M).
   */
  shortcutKernel: z.union([z.literal(1), z.literal(3)], { error: 'expected 1 or 3' }),
});

/**
 * The latent z. "vector": z in R^zDim from a conv head whose kernel is the encoder's final
 * spatial size (the cINN reference). "spatiotemporal": z of shape [T/rt, H/rs, W/rs, channels]
 * (the paper's description), rt and rs following from the encoder strides (see latentShape()).
 */
export const LatentSchema = z.strictObject({
  kind: oneOf(['vector', 'spatiotemporal'] as const),
  zDim: posInt(),
  channels: posInt(),
});

/** SPADE + AdaIN generator (docs/method.md "Decoder"). */
export const DecoderSchema = z.strictObject({
  /** Base width nf (reference: 32 at 128 px, 64 at 64 px). */
  nf: posInt(),
  /** Width of each GeneratorBlock as a multiple of nf (reference: [16, 16, 8, 4, 2, 1]). */
  channelMults: posIntList(),
  /** Hidden width of the SPADE conditioning convs (reference: 128). */
  spadeHidden: posInt(),
  /** Spectral normalisation on the generator convs (reference: yes). */
  spectralNorm: bool(),
});

/** Optional adversarial terms of the cINN reference's stage 1 (the LDDM paper names none). */
export const AdversarialSchema = z.strictObject({
  /** Frame PatchGAN, hinge loss. */
  spatial: bool(),
  /** Temporal 3D-ResNet discriminator, hinge loss, on a window of `temporalWindow` frames. */
  temporal: bool(),
  temporalWindow: posInt(),
  /** Width of the PatchGAN's first conv (pix2pix: 64); it doubles per downsampling, capped at 8x. */
  spatialWidth: posInt(),
  /** Temporal discriminator widths: the stem, then one strided residual block per further entry. */
  temporalWidths: posIntList(),
  /** Weight of each generator hinge term. */
  weight: nonNegNum(),
  /** Feature-matching weight (reference: 10). */
  featureMatching: nonNegNum(),
  /** R1 gradient-penalty weight (reference: 10). */
  r1: nonNegNum(),
  /** First epoch (0-based) at which the adversarial terms are switched on (reference: 1). */
  startEpoch: nonNegInt(),
  /**
   * Each discriminator's optimiser (reference: Adam, lr 2e-4, betas (0.5, 0.9)); its learning rate
   * follows the generator's schedule (the same factor).
   */
  optimizer: OptimizerSchema,
});

export const Stage1LossSchema = z.strictObject({
  /** Weight of the L1 reconstruction term (reference: 10). */
  l1: nonNegNum(),
  /** Weight of the per-frame LPIPS-VGG perceptual term (reference: 30). */
  perceptual: nonNegNum(),
  /** Weight of the KL term (reference: 1e-6). */
  kl: nonNegNum(),
});

/** Training-time augmentation of stage-1 clips (reference: resize to size+16, crop, flip, jitter). */
export const Stage1AugmentSchema = z.strictObject({
  resizeMargin: nonNegInt(),
  hflip: bool(),
  /** Brightness/contrast jitter amplitude; 0 disables it. */
  colorJitter: unit(),
});

export const Stage1Schema = z.strictObject({
  encoder: EncoderSchema,
  latent: LatentSchema,
  decoder: DecoderSchema,
  loss: Stage1LossSchema,
  adversarial: AdversarialSchema,
  augment: Stage1AugmentSchema,
  optimizer: OptimizerSchema,
  lrSchedule: LrScheduleSchema,
  batchSize: posInt(),
  train: TrainLengthSchema,
});

/** Beta schedule: linear from betaStart to betaEnd, or cosine (Nichol & Dhariwal) with offset s. */
export const NoiseScheduleSchema = z.strictObject({
  kind: oneOf(['linear', 'cosine'] as const),
  betaStart: posNum(),
  betaEnd: posNum(),
  cosineS: posNum(),
});

/**
 * The epsilon-prediction network. For a vector latent: residual MLP blocks of these widths;
 * for a spatio-temporal latent: a 3D U-Net with these level widths. x0 enters through a 2D conv
 * encoder (condWidths) pooled to condDim and added with the time embedding.
 */
export const DenoiserSchema = z.strictObject({
  widths: posIntList(),
  blocksPerLevel: posInt(),
  timeEmbedDim: posInt(),
  condWidths: posIntList(),
  condDim: posInt(),
  dropout: unit(),
  /** Spatio-temporal latent: also concatenate x0's feature map, resized to (h, w), with z_t at the UNet input. */
  spatialCondition: bool(),
  /** Zero-initialise the output layer, so that a fresh network predicts eps-hat = 0. */
  zeroInitOutput: bool(),
});

export const SamplerSchema = z.strictObject({
  /** ddpm: ancestral sampling over all T steps; ddim: `ddimSteps` steps with noise `eta`. */
  kind: oneOf(['ddpm', 'ddim'] as const),
  ddimSteps: posInt(),
  eta: unit(),
  /** DDIM: clamp the predicted (standardised) z_0 to [-c, c] before each step; 0 = off. */
  clipDenoised: nonNegNum(),
  /**
   * DDIM: how the `ddimSteps` timesteps spread over 1..T: "even" tau_i = round(i T / S), "quadratic"
   * tau_i = round(T (i / S)^2), denser near t = 0 (Song et al. 2021, sec. D.2).
   */
  spacing: oneOf(['even', 'quadratic'] as const),
  /**
   * DDPM: sigma_t^2 of the reverse step (Ho et al. 2020, sec. 3.2): "posterior" beta-tilde_t (optimal
   * for z_0 a single point) or "beta" beta_t (optimal for z_0 ~ N(0, I)).
   */
  variance: oneOf(['posterior', 'beta'] as const),
});

export const Stage2Schema = z.strictObject({
  /** Diffusion steps T; t ~ U{1..T} (paper eq. 3). Paper: not stated; default 1000. */
  timesteps: posInt(),
  schedule: NoiseScheduleSchema,
  denoiser: DenoiserSchema,
  sampler: SamplerSchema,
  optimizer: OptimizerSchema,
  lrSchedule: LrScheduleSchema,
  batchSize: posInt(),
  train: TrainLengthSchema,
  /** Decay of an exponential moving average of the denoiser's weights, updated after every step and
   * sampled from at synthesis (Ho et al. 2020 use 0.9999); 0 disables it (sampling uses the weights). */
  emaDecay: z.number({ error: 'expected a number in [0, 1)' }).min(0, { error: 'expected a number in [0, 1)' }).lt(1, { error: 'expected a number in [0, 1)' }),
});

export const LddmSchema = z.strictObject({
  stage1: Stage1Schema,
  stage2: Stage2Schema,
});

export type Stage1Config = z.infer<typeof Stage1Schema>;
export type Stage2Config = z.infer<typeof Stage2Schema>;
export type LddmConfig = z.infer<typeof LddmSchema>;
