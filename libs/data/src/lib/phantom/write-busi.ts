// BUSI-layout images: Dataset_BUSI_with_GT/<class>/<class> (n).png with <class> (n)_mask.png
// (0/255, empty for normal), n from 1, rendered by the image scanner. Each pair is written to
// scratch and renamed into place, the mask last, so a present mask means a complete pair.
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveSeed, Rng } from '@lddm/runtime';
import type { PhantomConfig } from './config';
import { stillPose } from './motion';
import { writeGrayPng } from './png';
import { Pool } from './pool';
import { renderFrame } from './render';
import { buildScene } from './scene';

export const BUSI_CLASSES = ['benign', 'malignant', 'normal'] as const;
export type BusiClass = (typeof BUSI_CLASSES)[number];

export interface ImageJob {
  cls: BusiClass;
  /** 1-based, as in BUSI. */
  n: number;
}

export function planImages(config: PhantomConfig): ImageJob[] {
  return BUSI_CLASSES.flatMap((cls) => Array.from({ length: config.images[cls] }, (_, i) => ({ cls, n: i + 1 })));
}

export const imageName = (job: ImageJob): string => `${job.cls} (${job.n}).png`;
export const maskName = (job: ImageJob): string => `${job.cls} (${job.n})_mask.png`;

/** Render and write `jobs`; `root` is the Dataset_BUSI_with_GT folder. */
export async function writeImages(
  jobs: readonly ImageJob[],
  config: PhantomConfig,
  root: string,
  tmp: string,
  onDone: () => void = () => {},
): Promise<void> {
  const size = config.images.size;
  await mkdir(tmp, { recursive: true });
  for (const cls of BUSI_CLASSES) await mkdir(join(root, cls), { recursive: true });
  const pool = new Pool(6);
  for (const job of jobs) {
    const rng = new Rng(deriveSeed(config.seed, 'phantom', 'busi', job.cls, String(job.n)));
    const scene = buildScene(rng.child('scene'), { kind: 'image', size, cls: job.cls, difficulty: config.difficulty });
    const frame = renderFrame(scene, stillPose(rng.child('pose')));
    for (let i = 0; i < frame.mask.length; i++) frame.mask[i] *= 255;
    await pool.add(async () => {
      const img = join(tmp, imageName(job));
      const mask = join(tmp, maskName(job));
      await Promise.all([writeGrayPng(img, frame.pixels, size, size), writeGrayPng(mask, frame.mask, size, size)]);
      await rename(img, join(root, job.cls, imageName(job)));
      await rename(mask, join(root, job.cls, maskName(job)));
      onDone();
    });
  }
  await pool.drain();
}
