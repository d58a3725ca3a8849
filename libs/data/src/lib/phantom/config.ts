// The phantom's configuration: one zod schema, declared once, whose defaults are the sizes of
// the real datasets (BUSV: 188 videos, 113 malignant; BUSI: 437/210/133 images). Exported so that
// the profile system can embed it; parsed configs are frozen so that what is saved is what ran.
import { z } from 'zod';

export const phantomVideosSchema = z
  .object({
    /** Number of videos; BUSV has 188. */
    count: z.int().min(1).default(188),
    /** How many of them are malignant; BUSV has 113 (and 75 benign). */
    malignant: z.int().min(0).default(113),
    /** Frame counts are drawn uniformly from [minFrames, maxFrames]. */
    minFrames: z.int().min(2).default(48),
    maxFrames: z.int().min(2).default(160),
    /** Frames are size x size 8-bit grayscale. */
    size: z.int().min(16).max(1024).default(128),
    /**
     * Share of videos listed in imagenet_vid_val.json rather than the train json, stratified by
     * class. The files mirror the release; the project's own splits are made by the loaders.
     */
    valFraction: z.number().min(0).max(1).default(0.2),
  })
  .refine((v) => v.malignant <= v.count, { message: 'videos.malignant must be <= videos.count' })
  .refine((v) => v.minFrames <= v.maxFrames, { message: 'videos.minFrames must be <= videos.maxFrames' });

export const phantomImagesSchema = z.object({
  benign: z.int().min(0).default(437),
  malignant: z.int().min(0).default(210),
  normal: z.int().min(0).default(133),
  /** Images are size x size; the shared BUSI copy is 256 x 256. */
  size: z.int().min(16).max(2048).default(256),
});

export const phantomConfigSchema = z.object({
  /** Every byte written follows from this seed (and the rest of this config). */
  seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  videos: phantomVideosSchema.prefault({}),
  images: phantomImagesSchema.prefault({}),
  /**
   * Class overlap in [0, 1]: 0 separates every cue widely, 1 makes the classes identical in
   * distribution (see cues.ts). The default aims a good video classifier at about 75-85%.
   */
  difficulty: z.number().min(0).max(1).default(0.5),
});

export type PhantomConfigInput = z.input<typeof phantomConfigSchema>;
export type PhantomConfig = Readonly<z.output<typeof phantomConfigSchema>>;

/** Parse, fill defaults, and freeze (nested objects too). Throws a zod error naming the field. */
export function parsePhantomConfig(input: PhantomConfigInput = {}): PhantomConfig {
  const parsed = phantomConfigSchema.parse(input);
  Object.freeze(parsed.videos);
  Object.freeze(parsed.images);
  return Object.freeze(parsed);
}
