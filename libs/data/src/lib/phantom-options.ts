// The profile's data section -> the phantom generator's options. The profile holds the video
// counts and sizes and the lesion image counts; the phantom's normal images (BUSI has 133 for
// 437 benign) are made in BUSI's proportion so that its folder has the real layout, although
// the lesion sets leave them out by default.
import type { GeneratePhantomOptions } from './phantom/generate';

export interface ProfilePhantomLike {
  phantom: { videos: number; malignant: number; minFrames: number; maxFrames: number; size: number; seed: number; difficulty: number };
  images: { benign: number; malignant: number };
}

const NORMAL_PER_BENIGN = 133 / 437;

export function phantomOptionsFromProfile(
  data: ProfilePhantomLike,
  outDir: string,
  extra: { seed?: number; difficulty?: number; workers?: number; onProgress?: GeneratePhantomOptions['onProgress'] } = {},
): GeneratePhantomOptions {
  const p = data.phantom;
  return {
    outDir,
    seed: extra.seed ?? p.seed,
    videos: { count: p.videos, malignant: p.malignant, minFrames: p.minFrames, maxFrames: p.maxFrames, size: p.size },
    images: { benign: data.images.benign, malignant: data.images.malignant, normal: Math.round(data.images.benign * NORMAL_PER_BENIGN) },
    difficulty: extra.difficulty ?? p.difficulty,
    ...(extra.workers !== undefined ? { workers: extra.workers } : {}),
    ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
  };
}
