// generatePhantom: the whole default dataset, in the layouts of the real ones:
//   <outDir>/busv/rawframes/{benign,malignant}/<16-hex id>/000000.png ...
//   <outDir>/busv/imagenet_vid_train_15frames.json, imagenet_vid_val.json
//   <outDir>/busi/Dataset_BUSI_with_GT/{benign,malignant,normal}/<class> (n)[_mask].png
//   <outDir>/phantom.json   (config and summary, written last: its presence means complete)
// Videos are renamed into place when complete and the JSON files are written last, atomically.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from '@lddm/runtime/files';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BUSV_TRAIN_JSON, BUSV_VAL_JSON, buildVidJson } from './busv-annotations';
import { phantomConfig, type PhantomConfig, type PhantomData } from './config';
import { planVideos } from './plan';
import { BUSI_CLASSES, planImages, writeImages } from './write-busi';
import { writeVideo, type VideoRecord } from './write-video';
import { PhantomWorkers } from './workers';

export interface PhantomProgress {
  phase: 'videos' | 'images';
  done: number;
  total: number;
}

export interface GeneratePhantomOptions {
  outDir: string;
  /** Worker threads; 1 renders on this thread. Default min(2, cores). Output is the same. */
  workers?: number;
  onProgress?: (progress: PhantomProgress) => void;
}

export interface PhantomSummary {
  config: PhantomConfig;
  /** Roots to hand the loaders: the BUSV root (holding rawframes/) and the BUSI root. */
  busvDir: string;
  busiDir: string;
  videos: Array<{ id: string; name: string; label: 'benign' | 'malignant'; frames: number; split: 'train' | 'val' }>;
  counts: { videos: number; benign: number; malignant: number; frames: number; images: Record<'benign' | 'malignant' | 'normal', number> };
  timings: { videosMs: number; imagesMs: number; totalMs: number };
}

const MARKER = '.lddm-phantom';

export async function generatePhantom(data: PhantomData, options: GeneratePhantomOptions): Promise<PhantomSummary> {
  const { outDir, workers: requested, onProgress = () => {} } = options;
  const config = phantomConfig(data);
  const t0 = performance.now();
  const busvDir = join(outDir, 'busv');
  const busiDir = join(outDir, 'busi');
  const tmp = join(outDir, '.phantom-tmp');
  await prepare(outDir, [busvDir, busiDir, tmp, join(outDir, 'phantom.json')]);
  const videoDirs = { tmp: join(tmp, 'videos'), rawframes: join(busvDir, 'rawframes') };
  const busiRoot = join(busiDir, 'Dataset_BUSI_with_GT');
  for (const cls of ['benign', 'malignant']) await mkdir(join(videoDirs.rawframes, cls), { recursive: true });
  for (const cls of BUSI_CLASSES) await mkdir(join(busiRoot, cls), { recursive: true });

  const plans = planVideos(config);
  const jobs = planImages(config);
  const nWorkers = Math.max(1, Math.min(requested ?? Math.min(2, availableParallelism()), 8));
  const progress = (phase: PhantomProgress['phase'], total: number): (() => void) => {
    let done = 0;
    return () => onProgress({ phase, done: ++done, total });
  };
  let records: VideoRecord[];
  let tVideos: number;
  const videoDone = progress('videos', plans.length);
  const imageDone = progress('images', jobs.length);
  if (nWorkers === 1) {
    records = [];
    for (const plan of plans) {
      records.push(await writeVideo(plan, config, videoDirs));
      videoDone();
    }
    tVideos = performance.now();
    await writeImages(jobs, config, busiRoot, join(tmp, 'busi'), imageDone);
  } else {
    const pool = new PhantomWorkers(nWorkers, { config, videoDirs, busiRoot, busiTmp: join(tmp, 'busi') });
    try {
      // Longest videos first, so that no worker is left with a long one at the end.
      const order = [...plans].sort((a, b) => b.frames - a.frames || a.index - b.index);
      records = await pool.run<VideoRecord>(order.map((plan) => ({ type: 'video', plan })), videoDone);
      tVideos = performance.now();
      await pool.run(jobs.map((job) => ({ type: 'image', job })), imageDone);
    } finally {
      await pool.close();
    }
  }
  const tImages = performance.now();

  const json = buildVidJson(records);
  await writeJsonAtomic(join(busvDir, BUSV_TRAIN_JSON), json.train);
  await writeJsonAtomic(join(busvDir, BUSV_VAL_JSON), json.val);
  await rm(tmp, { recursive: true, force: true });
  const summary: PhantomSummary = {
    config,
    busvDir,
    busiDir,
    videos: plans.map((p) => ({ id: p.id, name: `${p.cls}/${p.id}`, label: p.cls, frames: p.frames, split: p.split })),
    counts: {
      videos: plans.length,
      benign: plans.filter((p) => p.cls === 'benign').length,
      malignant: plans.filter((p) => p.cls === 'malignant').length,
      frames: plans.reduce((s, p) => s + p.frames, 0),
      images: { benign: config.images.benign, malignant: config.images.malignant, normal: config.images.normal },
    },
    timings: { videosMs: tVideos - t0, imagesMs: tImages - tVideos, totalMs: performance.now() - t0 },
  };
  await writeJsonAtomic(join(outDir, 'phantom.json'), summary);
  return summary;
}

/**
 * Make `outDir` ready: create it, or clear a previous phantom's output in it. A folder that
 * already holds busv/ or busi/ without our marker is someone's data: refuse to touch it.
 */
async function prepare(outDir: string, ours: string[]): Promise<void> {
  const marked = existsSync(join(outDir, MARKER));
  if (!marked && ours.slice(0, 2).some((p) => existsSync(p))) {
    throw new Error(`phantom: ${outDir} already holds busv/ or busi/ that the phantom did not write; choose an empty --out`);
  }
  for (const p of ours) await rm(p, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, MARKER), 'written by generatePhantom (libs/data); safe to regenerate\n');
}

const writeJsonAtomic = (path: string, value: unknown): Promise<void> => writeFileAtomic(path, JSON.stringify(value));
