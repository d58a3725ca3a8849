// The preprocessing of videos into clips and of images into condition frames: everything that
// changes the cached tensors is in here, so that the cache key (with the dataset fingerprint)
// changes whenever the tensors would.
import type { DataConfig } from '@lddm/config';
import type { ShortVideoPolicy } from './clip-plan';
import type { Fit } from './fit';

export type Normalization = 'minus1-1' | '0-1';

export interface ImagePreprocess {
  /** Side of the square output frames. */
  size: number;
  fit: Fit;
  normalization: Normalization;
}

export interface ClipPreprocess extends ImagePreprocess {
  clipLength: number;
  clipStride: number;
  framesPerClip: number;
  short: ShortVideoPolicy;
}

/** The profile's `data` fields that preprocessing reads. */
export type PreprocessData = Pick<DataConfig, 'imageSize' | 'fit' | 'normalization' | 'clipLength' | 'clipStride' | 'framesPerClip' | 'shortVideos'>;

/** The data section's clip preprocessing, under the names the cache keys hash (no defaults). */
export function clipPreprocess(data: PreprocessData): ClipPreprocess {
  return {
    size: data.imageSize,
    fit: data.fit,
    normalization: data.normalization,
    clipLength: data.clipLength,
    clipStride: data.clipStride,
    framesPerClip: data.framesPerClip,
    short: data.shortVideos,
  };
}

/** The data section's image preprocessing (condition frames). */
export function imagePreprocess(data: Pick<PreprocessData, 'imageSize' | 'fit' | 'normalization'>): ImagePreprocess {
  return { size: data.imageSize, fit: data.fit, normalization: data.normalization };
}

/** 8-bit gray to the networks' range: v / 127.5 - 1 in [-1, 1], or v / 255 in [0, 1]. */
export function normalizeInto(out: Float32Array, pixels: Uint8Array, normalization: Normalization): Float32Array {
  const scale = normalization === 'minus1-1' ? 1 / 127.5 : 1 / 255;
  const shift = normalization === 'minus1-1' ? -1 : 0;
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] * scale + shift;
  return out;
}
