// The phantom's configuration: the profile's data.phantom and data.images counts (validated once,
// by libs/config), plus the constants that make its folders mirror the real releases. The
// resolved config is frozen and written to phantom.json, so that what is saved is what ran.
import type { DataConfig, DeepReadonly } from '@lddm/config';

/** What the phantom reads of the profile's `data` section. */
export type PhantomData = DeepReadonly<Pick<DataConfig, 'phantom'> & { images: Pick<DataConfig['images'], 'benign' | 'malignant'> }>;

/**
 * Share of videos listed in imagenet_vid_val.json rather than the train json, stratified by
 * class, as in the BUSV release. The project's own splits are made by the loaders.
 */
export const PHANTOM_VAL_FRACTION = 0.2;
/** BUSI has 133 normal images for 437 benign: the phantom's normal folder keeps that proportion. */
export const NORMAL_PER_BENIGN = 133 / 437;
/** Side of the BUSI images: the shared BUSI copy is 256 x 256. */
export const BUSI_IMAGE_SIZE = 256;

export interface PhantomConfig {
  /** Every byte written follows from this seed (and the rest of this config). */
  readonly seed: number;
  readonly videos: {
    readonly count: number;
    readonly malignant: number;
    /** Frame counts are drawn uniformly from [minFrames, maxFrames]. */
    readonly minFrames: number;
    readonly maxFrames: number;
    /** Frames are size x size 8-bit grayscale. */
    readonly size: number;
    readonly valFraction: number;
  };
  readonly images: { readonly benign: number; readonly malignant: number; readonly normal: number; readonly size: number };
  /** Class overlap in [0, 1] (see cues.ts). */
  readonly difficulty: number;
}

/** The generator's frozen config for a profile's data section. */
export function phantomConfig(data: PhantomData): PhantomConfig {
  const p = data.phantom;
  return Object.freeze({
    seed: p.seed,
    videos: Object.freeze({ count: p.videos, malignant: p.malignant, minFrames: p.minFrames, maxFrames: p.maxFrames, size: p.size, valFraction: PHANTOM_VAL_FRACTION }),
    images: Object.freeze({ benign: data.images.benign, malignant: data.images.malignant, normal: Math.round(data.images.benign * NORMAL_PER_BENIGN), size: BUSI_IMAGE_SIZE }),
    difficulty: p.difficulty,
  });
}
