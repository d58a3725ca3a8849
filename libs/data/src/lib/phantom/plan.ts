// What to generate, before any pixel: which videos are malignant, how long each is, which are
// listed in the val json, and their ids. Every choice comes from its own named stream of the
// seed, and each video's own stream depends only on (seed, index), so a video is the same
// whichever worker renders it.
import { deriveSeed, Rng } from '@lddm/runtime';
import type { PhantomConfig } from './config';
import type { LesionClass } from './cues';
import { videoId } from './ids';

export interface VideoPlan {
  index: number;
  /** 16-hex folder name. */
  id: string;
  cls: LesionClass;
  frames: number;
  split: 'train' | 'val';
  /** Seed of the video's own Rng. */
  seed: number;
}

export function planVideos(config: PhantomConfig): VideoPlan[] {
  const { seed, videos: v } = config;
  const labels: LesionClass[] = Array.from({ length: v.count }, (_, i) => (i < v.malignant ? 'malignant' : 'benign'));
  const cls = new Rng(deriveSeed(seed, 'phantom', 'labels')).shuffle(labels);
  const val = new Set<number>();
  const splitRng = new Rng(deriveSeed(seed, 'phantom', 'split'));
  for (const c of ['benign', 'malignant'] as const) {
    const members = cls.flatMap((x, i) => (x === c ? [i] : []));
    const nVal = Math.round(v.valFraction * members.length);
    for (const i of splitRng.shuffle(members).slice(0, nVal)) val.add(i);
  }
  const plans = cls.map((c, index) => {
    const videoSeed = deriveSeed(seed, 'phantom', 'video', String(index));
    const frames = v.minFrames + new Rng(deriveSeed(videoSeed, 'length')).int(v.maxFrames - v.minFrames + 1);
    return { index, id: videoId(seed, index), cls: c, frames, split: val.has(index) ? 'val' : 'train', seed: videoSeed } as const;
  });
  if (new Set(plans.map((p) => p.id)).size !== plans.length) {
    throw new Error(`phantom: two videos got the same id for seed ${seed}; choose another seed`);
  }
  return plans;
}
