// The prepared data of a profile, loaded once per process: the data run (phantom or real data,
// fingerprints, splits), the clips of every video from the tensor cache, and the condition images
// (BUSI lesion images selected by the profile's counts) for synthesis.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  clipPreprocess,
  imagePreprocess,
  loadBusi,
  loadBusv,
  loadClips,
  loadImages,
  parseSplit,
  selectClips,
  selectImages,
  type ClipSet,
  type ImageSet,
  type VideoSplit,
} from '@lddm/data';
import type { PipelineContext } from './context';
import { prepareData, type PreparedData } from './prepare-data';

export interface PipelineData {
  prepared: PreparedData;
  /** Every clip of every video. */
  clips: ClipSet;
  splits: Record<string, VideoSplit>;
  /** The data run's key: the input of every step trained on these data. */
  key: string;
}

const loaded = new WeakMap<PipelineContext, Promise<PipelineData>>();

export function pipelineData(ctx: PipelineContext): Promise<PipelineData> {
  let p = loaded.get(ctx);
  if (p === undefined) {
    p = load(ctx);
    loaded.set(ctx, p);
  }
  return p;
}

async function load(ctx: PipelineContext): Promise<PipelineData> {
  const { profile } = ctx;
  const prepared = await prepareData(profile, { registry: ctx.registry, root: ctx.root, stateDir: ctx.stateDir, profile: profile.name, experiment: ctx.experiment, log: ctx.log, sourceVersion: ctx.sourceVersion });
  const videos = await loadBusv(prepared.busvDir);
  const clips = await loadClips(videos, clipPreprocess(profile.data), { fingerprint: prepared.videoFingerprint, cacheDir: resolve(ctx.root, profile.data.cacheDir) });
  const splits = Object.fromEntries(Object.entries(prepared.splitFiles).map(([ratio, file]) => [ratio, parseSplit(JSON.parse(readFileSync(file, 'utf8')), file)]));
  return { prepared, clips: clips.value, splits, key: prepared.run.key };
}

export function splitOf(data: PipelineData, ratio: string): VideoSplit {
  const split = data.splits[ratio];
  if (split === undefined) throw new Error(`no ${ratio} split in the data run (it has ${Object.keys(data.splits).join(', ')}); add the ratio to splits.ratios`);
  return split;
}

/** The clips of one side of a split. */
export function splitClips(data: PipelineData, ratio: string, side: 'train' | 'test'): ClipSet {
  const set = selectClips(data.clips, splitOf(data, ratio)[side]);
  if (set.labels.length === 0) throw new Error(`the ${ratio} split's ${side} side has no clips`);
  return set;
}

/** BUSI lesion images as condition frames, the profile's counts per class, seeded. */
export async function conditionImages(ctx: PipelineContext, data: PipelineData): Promise<ImageSet> {
  const { profile } = ctx;
  const busi = await loadBusi(data.prepared.busiDir, { includeNormal: profile.data.images.includeNormal });
  const picked = selectImages(busi, { benign: profile.data.images.benign, malignant: profile.data.images.malignant }, profile.splits.seed);
  const images = await loadImages(picked, imagePreprocess(profile.data), { cacheDir: resolve(ctx.root, profile.data.cacheDir) });
  return images.value;
}
