// Section `data`: where the videos and images come from and how they are cut into clips.
import { z } from 'zod';
import { bool, int, nullablePath, oneOf, posInt, str, unit } from './primitives';

/** The embedded phantom: synthetic ultrasound-like videos with BUSV's class balance. */
export const PhantomSchema = z.strictObject({
  /** Number of phantom videos; the paper's BUSV has 188. */
  videos: posInt(),
  /** Malignant videos (label 1); BUSV: 113. malignant + benign must equal videos. */
  malignant: posInt(),
  /** Benign videos (label 0); BUSV: 75. */
  benign: posInt(),
  /** Frames per phantom video, drawn uniformly in [minFrames, maxFrames]. */
  minFrames: posInt(),
  maxFrames: posInt(),
  /** Side of the generated frames in pixels (then resized to data.imageSize like real data). */
  size: posInt(),
  /** Seed of the phantom generator (independent of the split seed). */
  seed: int(),
  /**
   * Class overlap in [0, 1]: 0 separates benign and malignant cues by 3.2 sd (ideal observer
   * ~99.9%), 0.5 by 0.8 sd (~81%), 1 makes the classes identical (libs/data/src/lib/phantom/cues.ts).
   */
  difficulty: unit(),
});

/** Videos used to train the generators and to train / test the classifiers. */
export const VideoSourceSchema = z.strictObject({
  kind: oneOf(['phantom', 'busv'] as const),
  /** Directory of the BUSV dataset; required when kind is "busv", null otherwise. */
  path: nullablePath(),
});

/** Lesion images that are turned into synthetic videos (BUSI in the paper). */
export const ImageSourceSchema = z.strictObject({
  kind: oneOf(['phantom', 'busi'] as const),
  /** Directory of the BUSI dataset; required when kind is "busi", null otherwise. */
  path: nullablePath(),
  /**
   * Benign / malignant images to use (phantom: to generate; busi: the first n of each class in
   * a seeded order). The paper states 445 benign and 210 malignant; the public BUSI has 437 / 210.
   */
  benign: posInt(),
  malignant: posInt(),
  /** BUSI's "normal" images carry no lesion; the paper does not use them. */
  includeNormal: bool(),
});

export const DataSchema = z.strictObject({
  videos: VideoSourceSchema,
  images: ImageSourceSchema,
  phantom: PhantomSchema,
  /** Frame side after preprocessing (square). Paper: not stated; 128 as in the cINN reference. */
  imageSize: posInt(),
  /** 1 = grayscale (replicated to 3 channels only where a network needs RGB). */
  channels: z.union([z.literal(1), z.literal(3)], { error: 'expected 1 or 3' }),
  /** Videos are cut into clips of this many frames (paper: 48). */
  clipLength: posInt(),
  /** Frames sampled uniformly from each clip (paper: 16). */
  framesPerClip: posInt(),
  /** Step between clip starts; equal to clipLength for non-overlapping clips. */
  clipStride: posInt(),
  /** Pixel range the networks see; [-1, 1] as in the references. */
  normalization: oneOf(['minus1-1', '0-1'] as const),
  /**
   * How a non-square frame becomes imageSize x imageSize (libs/data fit.ts): fill stretches the
   * whole field of view, cover crops the centre (mmaction2), contain pads with black.
   */
  fit: oneOf(['fill', 'cover', 'contain'] as const),
  /**
   * A video shorter than clipLength: skip (recorded), or resample one clip over all of its frames
   * (libs/data clip-plan.ts).
   */
  shortVideos: oneOf(['skip', 'resample'] as const),
  /** Tensor cache of preprocessed data, relative to the workspace root. */
  cacheDir: str(),
});

export type DataConfig = z.infer<typeof DataSchema>;
