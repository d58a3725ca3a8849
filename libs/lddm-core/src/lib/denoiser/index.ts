// Denoisers epsilon_theta(z_t, t, x0) of stage 2 and their parts.
export { TimeEmbedding } from './time-embedding';
export type { TimeEmbeddingOptions } from './time-embedding';
export { ConditionImageEncoder, ConditionImageEncoderConfigSchema } from './condition-image-encoder';
export type { ConditionFeatures, ConditionImageEncoderConfig, ConditionImageEncoderInput } from './condition-image-encoder';
export { FilmResidualBlock, zeroInit } from './film-residual-block';
export type { FilmResidualBlockOptions } from './film-residual-block';
export { ResidualMlpDenoiser, ResidualMlpDenoiserConfigSchema } from './residual-mlp-denoiser';
export type { ResidualMlpDenoiserConfig, ResidualMlpDenoiserInput } from './residual-mlp-denoiser';
export { adaptiveAvgPool2d } from './adaptive-avg-pool-2d';
export { UNetResBlock3D } from './unet-res-block-3d';
export type { UNetResBlock3dOptions } from './unet-res-block-3d';
export { SpatialDownsample3D, SpatialUpsample3D } from './spatial-resample-3d';
export { UNet3dDenoiserConfigSchema, unetLevelGrid } from './unet-3d-config';
export type { UNet3dDenoiserConfig, UNet3dDenoiserInput } from './unet-3d-config';
export { UNet3dDenoiser } from './unet-3d-denoiser';
export { commonGroups, denoiserConfigFromProfile, denoiserFromProfile } from './denoiser-from-profile';
export type { BuiltDenoiser, DenoiserChoice, DenoiserProfile, ImageSpec, LatentDenoiser, LatentSpec } from './denoiser-from-profile';
