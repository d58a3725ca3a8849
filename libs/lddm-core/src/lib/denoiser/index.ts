// Denoisers epsilon_theta(z_t, t, x0) of stage 2 and their parts.
export { TimeEmbedding } from './time-embedding';
export type { TimeEmbeddingOptions } from './time-embedding';
export { ConditionImageEncoder, ConditionImageEncoderConfigSchema } from './condition-image-encoder';
export type { ConditionImageEncoderConfig, ConditionImageEncoderInput } from './condition-image-encoder';
export { FilmResidualBlock, zeroInit } from './film-residual-block';
export type { FilmResidualBlockOptions } from './film-residual-block';
export { ResidualMlpDenoiser, ResidualMlpDenoiserConfigSchema } from './residual-mlp-denoiser';
export type { ResidualMlpDenoiserConfig, ResidualMlpDenoiserInput } from './residual-mlp-denoiser';
