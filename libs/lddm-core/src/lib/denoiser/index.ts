// Denoisers epsilon_theta(z_t, t, x0) of stage 2 and their parts.
export { TimeEmbedding } from './time-embedding';
export type { TimeEmbeddingOptions } from './time-embedding';
export { ConditionImageEncoder } from './condition-image-encoder';
export type { ConditionFeatures, ConditionImageEncoderConfig } from './condition-image-encoder';
export { FilmResidualBlock, zeroInit } from './film-residual-block';
export type { FilmResidualBlockOptions } from './film-residual-block';
export { ResidualMlpDenoiser, type ResidualMlpDenoiserConfig } from './residual-mlp-denoiser';
export { adaptiveAvgPool2d } from './adaptive-avg-pool-2d';
export { UNetResBlock3D } from './unet-res-block-3d';
export type { UNetResBlock3dOptions } from './unet-res-block-3d';
export { SpatialDownsample3D, SpatialUpsample3D } from './spatial-resample-3d';
export { unetLevelGrid, type UNet3dDenoiserConfig } from './unet-3d-config';
export { UNet3dDenoiser } from './unet-3d-denoiser';
export { createDenoiser, type ImageSpec, type LatentDenoiser, type LatentSpec } from './create-denoiser';
