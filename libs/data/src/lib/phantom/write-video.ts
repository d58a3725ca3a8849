// One BUSV-layout video: frames rendered in order and written as 000000.png, 000001.png, ...
// (0-based, as in the BUSV release) into a temporary folder, which is renamed into
// rawframes/<class>/<id> only once every frame is on disk: an interrupted run never leaves a
// half-written video that looks complete.
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng } from '@lddm/runtime';
import type { PhantomConfig } from './config';
import { decorrelationStep, poseAt } from './motion';
import type { VideoPlan } from './plan';
import { writeGrayPng } from './png';
import { Pool } from './pool';
import { renderFrame, type Frame } from './render';
import { buildScene } from './scene';

export interface VideoRecord {
  plan: VideoPlan;
  size: number;
  /** Lesion bbox per frame (null if the lesion left the frame). */
  boxes: Array<Frame['bbox']>;
}

export interface VideoDirs {
  /** Scratch root on the same filesystem as `rawframes`. */
  tmp: string;
  rawframes: string;
}

export const frameName = (frame: number): string => `${String(frame).padStart(6, '0')}.png`;

export async function writeVideo(plan: VideoPlan, config: PhantomConfig, dirs: VideoDirs): Promise<VideoRecord> {
  const size = config.videos.size;
  const rng = new Rng(plan.seed);
  const scene = buildScene(rng.child('scene'), { kind: 'video', size, cls: plan.cls, difficulty: config.difficulty });
  const radius = scene.lesion ? Math.sqrt(scene.lesion.a * scene.lesion.b) : 5;
  const tmp = join(dirs.tmp, plan.id);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const pool = new Pool(6);
  const boxes: VideoRecord['boxes'] = [];
  for (let f = 0; f < plan.frames; f++) {
    const frame = renderFrame(scene, poseAt(scene.motion, f));
    boxes.push(frame.bbox);
    await pool.add(() => writeGrayPng(join(tmp, frameName(f)), frame.pixels, size, size));
    scene.speckle.advance(decorrelationStep(scene.motion, f, radius));
  }
  await pool.drain();
  const final = join(dirs.rawframes, plan.cls, plan.id);
  await rm(final, { recursive: true, force: true });
  await mkdir(join(dirs.rawframes, plan.cls), { recursive: true });
  await rename(tmp, final);
  return { plan, size, boxes };
}
