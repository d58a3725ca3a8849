// @lddm/core: LDDM (MICCAI 2024). Stage 2, the latent diffusion: the noise schedule, the forward
// process, the epsilon-prediction loss (the paper's eq. 3) and the samplers, each apart from the
// denoiser network, which they see only as an EpsilonModel function.
export { NoiseSchedule, NoiseScheduleConfigSchema, cosineAlphaBar, COSINE_MAX_BETA } from './lib/diffusion/noise-schedule';
export type { NoiseScheduleConfig, NoiseScheduleInput } from './lib/diffusion/noise-schedule';
export { standardNormal } from './lib/diffusion/gaussian-noise';
export { qSample, sampleTimesteps } from './lib/diffusion/forward-process';
export type { EpsilonModel } from './lib/diffusion/epsilon-model';
export { epsilonLoss, diffusionLoss, trainingStepInputs } from './lib/diffusion/loss';
export type { EpsilonLossArgs, TrainingStepInputs } from './lib/diffusion/loss';
export type { Sampler, SampleOptions, SamplerStep } from './lib/diffusion/sampler';
export { DdpmSampler, DdpmSamplerConfigSchema } from './lib/diffusion/ddpm-sampler';
export type { DdpmSamplerConfig } from './lib/diffusion/ddpm-sampler';
export { DdimSampler, DdimSamplerConfigSchema, ddimTimesteps } from './lib/diffusion/ddim-sampler';
export type { DdimSamplerConfig, DdimSpacing } from './lib/diffusion/ddim-sampler';
export { gaussianOptimalDenoiser } from './lib/diffusion/gaussian-oracle';
export * from './lib/denoiser/index';
export { BasicBlock3D, VideoEncoder3D, VideoEncoder3dConfigSchema, encoderShapes, latentShape, sampleLatent, klDivergence, type BasicBlock3dOptions, type Posterior, type VideoEncoder3dConfig, type VideoEncoder3dInput } from './lib/autoencoder/video-encoder-3d';
export { LatentDdpm, type LatentDenoiserNetwork, type SamplerChoice } from './lib/latent-ddpm';
