// The resolved config of the spatio-temporal denoiser (UNet3dDenoiser), what the profile's
// lddm.stage2.denoiser does not state fixed here, and the level geometry that follows from it.
import type { ConditionImageEncoderConfig } from './condition-image-encoder';

/** Residual blocks at the bottom, between the two paths (ADM: 2, around an attention layer). */
export const UNET_MIDDLE_BLOCKS = 2;

/** GroupNorm groups in every block: the largest divisor of every width up to ADM's 32. */
export const UNET_MAX_GROUPS = 32;

/** The resolved network (serialise it with the run). */
export interface UNet3dDenoiserConfig {
  /** The latent z per sample, [T', h, w, c] (the stage-1 encoder's 'spatiotemporal' latent). */
  latent: { frames: number; height: number; width: number; channels: number };
  /** Channels of each level; level l + 1 halves h and w of level l when both are even. */
  widths: readonly number[];
  /** Residual blocks per level on the way down (the way up has one more, as ADM). */
  blocksPerLevel: number;
  middleBlocks: number;
  normGroups: number;
  /** Width of the sinusoidal timestep features: timeEmbedDim, rounded up to even. */
  timeFrequencyDim: number;
  /** Width of the learned time embedding: timeEmbedDim. */
  timeDim: number;
  /** The x0 encoder; its condDim is the width of the condition embedding added to time. */
  image: Readonly<ConditionImageEncoderConfig>;
  /** Also concatenate the encoder's feature map, resized to (h, w), with z_t at the input. */
  spatialCondition: boolean;
  /** Dropout rate inside every residual block, in training mode (ADM: 0 to 0.3). */
  dropout: number;
  /** Zero-initialise the output conv so that a fresh model predicts eps-hat = 0. */
  zeroInitOutput: boolean;
}

/**
 * [h, w] at each of `levels` levels: going down a level halves both when both are even (so that
 * nearest x2 upsampling restores the size exactly) and keeps them otherwise. T' is never reduced.
 */
export function unetLevelGrid(height: number, width: number, levels: number): Array<[number, number]> {
  const grid: Array<[number, number]> = [[height, width]];
  for (let l = 1; l < levels; l++) {
    const [h, w] = grid[l - 1];
    grid.push(h % 2 === 0 && w % 2 === 0 ? [h / 2, w / 2] : [h, w]);
  }
  return grid;
}
