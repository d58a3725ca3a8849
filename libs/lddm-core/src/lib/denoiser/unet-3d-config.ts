// Config of the spatio-temporal denoiser (UNet3dDenoiser) and the level geometry that follows from
// it. The profile's DenoiserSchema maps onto it in denoiser-from-profile.ts.
import { z } from 'zod';
import { ConditionImageEncoderConfigSchema } from './condition-image-encoder';

const pos = (): z.ZodNumber => z.number().int().min(1);

export const UNet3dDenoiserConfigSchema = z
  .object({
    /** The latent z per sample, [T', h, w, c] (the stage-1 encoder's 'spatiotemporal' latent). */
    latent: z.object({ frames: pos(), height: pos(), width: pos(), channels: pos() }),
    /** Channels of each level; level l + 1 halves h and w of level l when both are even. */
    widths: z.array(pos()).min(1).default([128, 256, 256]),
    /** Residual blocks per level on the way down (the way up has one more, as ADM). */
    blocksPerLevel: pos().default(2),
    /** Residual blocks at the bottom, between the two paths (ADM: 2, around an attention layer). */
    middleBlocks: z.number().int().min(0).default(2),
    /** GroupNorm groups in every block (ADM: 32); must divide every width. */
    normGroups: pos().default(32),
    /** Width of the sinusoidal timestep features. */
    timeFrequencyDim: z.number().int().min(2).multipleOf(2).default(128),
    /** Width of the learned time embedding. */
    timeDim: pos().default(512),
    /** The x0 encoder; its condDim is the width of the condition embedding added to time. */
    image: ConditionImageEncoderConfigSchema.default(ConditionImageEncoderConfigSchema.parse({})),
    /** Also concatenate the encoder's feature map, resized to (h, w), with z_t at the input. */
    spatialCondition: z.boolean().default(true),
    /** Dropout rate inside every residual block, in training mode (ADM: 0 to 0.3). */
    dropout: z.number().min(0).lt(1).default(0),
    /** Zero-initialise the output conv so that a fresh model predicts eps-hat = 0. */
    zeroInitOutput: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    for (const w of c.widths) {
      if (w % c.normGroups !== 0) ctx.addIssue({ code: 'custom', message: `normGroups (${c.normGroups}) must divide every width, not ${w}` });
    }
  });

export type UNet3dDenoiserConfig = z.output<typeof UNet3dDenoiserConfigSchema>;
export type UNet3dDenoiserInput = z.input<typeof UNet3dDenoiserConfigSchema>;

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
