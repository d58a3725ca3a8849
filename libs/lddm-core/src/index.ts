// @lddm/core: LDDM (MICCAI 2024). Stage 2, the latent diffusion: the noise schedule, the forward
// process, the epsilon-prediction loss (the paper's eq. 3) and the samplers, each apart from the
// denoiser network, which they see only as an EpsilonModel function.
export { NoiseSchedule, cosineAlphaBar, COSINE_MAX_BETA, type NoiseScheduleConfig } from './lib/diffusion/noise-schedule';
export { qSample, sampleTimesteps } from './lib/diffusion/forward-process';
export type { ConditionedEpsilonModel, EpsilonModel } from './lib/diffusion/epsilon-model';
export { epsilonLoss, diffusionLoss, trainingStepInputs } from './lib/diffusion/loss';
export type { EpsilonLossArgs, TrainingStepInputs } from './lib/diffusion/loss';
export type { Sampler, SampleOptions, SamplerStep } from './lib/diffusion/sampler';
export { DdpmSampler } from './lib/diffusion/ddpm-sampler';
export type { DdpmSamplerConfig } from './lib/diffusion/ddpm-sampler';
export { DdimSampler, ddimTimesteps } from './lib/diffusion/ddim-sampler';
export type { DdimSamplerConfig, DdimSpacing } from './lib/diffusion/ddim-sampler';
export { gaussianOptimalDenoiser } from './lib/diffusion/gaussian-oracle';
export * from './lib/denoiser/index';
export { BasicBlock3D, VideoEncoder3D, encoderShapes, latentShape, type BasicBlock3dOptions, type Posterior, type VideoEncoder3dConfig } from './lib/autoencoder/video-encoder-3d';
export { LatentDdpm, type SamplerChoice } from './lib/latent-ddpm';
// Stage 1 decoder, autoencoder, losses and the optional discriminators.
export { Spade, type SpadeOptions } from './lib/autoencoder/spade';
export { AdaIn, type AdaInOptions, type DecoderLatent } from './lib/autoencoder/adain';
export { GeneratorBlock, type GeneratorBlockOptions } from './lib/autoencoder/generator-block';
export { upsamplingSchedule, type BlockStep, type Size3 } from './lib/autoencoder/upsampling-schedule';
export { VideoDecoder, decoderSchedule, VECTOR_START, type VideoDecoderConfig } from './lib/autoencoder/video-decoder';
export { VideoAutoencoder, firstFrame, type VideoAutoencoderConfig, type ReconstructOptions } from './lib/autoencoder/video-autoencoder';
export type { PerceptualDistance } from './lib/autoencoder/perceptual-distance';
export { multiScaleGradientDistance, MULTISCALE_GRADIENT_SCALES } from './lib/autoencoder/perceptual-stand-in';
export { stage1Loss, framesOf, type Stage1Loss, type Stage1LossArgs, type Stage1LossWeights } from './lib/autoencoder/stage1-loss';
export { FramePatchDiscriminator, type FramePatchDiscriminatorConfig, type DiscriminatorOutput } from './lib/autoencoder/patch-discriminator';
export { TemporalDiscriminator, temporalWindow, type TemporalDiscriminatorConfig } from './lib/autoencoder/temporal-discriminator';
export { hingeDiscriminatorLoss, hingeGeneratorLoss, featureMatchingLoss, r1Penalty } from './lib/autoencoder/adversarial-loss';
export * from './lib/training/index';
export { latentStats, synthesizeClips, type ConditionImages, type LatentStats, type SynthesisOptions } from './lib/synthesis';
