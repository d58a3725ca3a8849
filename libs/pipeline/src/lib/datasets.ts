// The prepared data of a profile, the output of the data step: the data run (phantom or real data,
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
import { graphContext, type PipelineContext } from './context';
import { Graph, type StepDef } from './dag/graph';
import { runGraph } from './dag/run-graph';
import { dataStep, preparedFromRun, type PreparedData } from './prepare-data';

export interface PipelineData {
  prepared: PreparedData;
  /** Every clip of every video. */
  clips: ClipSet;
  splits: Record<string, VideoSplit>;
  /** The data run's key: the input of every step trained on these data. */
  key: string;
}

/** What the data step and the loaders read: the profile, the workspace root and where files go. */
export type DataEnv = Pick<PipelineContext, 'profile' | 'root' | 'stateDir' | 'sourceVersion' | 'log'>;

/** The data step, its output the loaded data (the clips of every video, the splits). */
export function pipelineDataStep(ctx: DataEnv): StepDef<PipelineData, void> {
  const step = dataStep(ctx.profile, ctx);
  return { ...step, output: async (inputs, done) => load(ctx, await step.output!(inputs, done)) };
}

/** Prepares (or reuses) the data of the context's profile and loads it. */
export async function pipelineData(ctx: PipelineContext): Promise<PipelineData> {
  const graph = new Graph();
  const ref = graph.step('data', () => pipelineDataStep(ctx));
  return (await runGraph(graph, graphContext(ctx))).outputs.get(ref.name) as PipelineData;
}

/** The data of a finished data run (a grid worker gets only its key from the parent). */
export async function pipelineDataOfRun(ctx: DataEnv & Pick<PipelineContext, 'registry'>, key: string): Promise<PipelineData> {
  const run = ctx.registry.findFinished(key);
  if (run === undefined) throw new Error(`no finished data run with key ${key.slice(0, 12)}`);
  return load(ctx, preparedFromRun(run, ctx.registry.params(run.id), ctx.stateDir));
}

async function load(ctx: Pick<PipelineContext, 'profile' | 'root'>, prepared: PreparedData): Promise<PipelineData> {
  const { profile } = ctx;
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
export async function conditionImages(ctx: Pick<PipelineContext, 'profile' | 'root'>, data: PipelineData): Promise<ImageSet> {
  const { profile } = ctx;
  const busi = await loadBusi(data.prepared.busiDir, { includeNormal: profile.data.images.includeNormal });
  const picked = selectImages(busi, { benign: profile.data.images.benign, malignant: profile.data.images.malignant }, profile.splits.seed);
  const images = await loadImages(picked, imagePreprocess(profile.data), { cacheDir: resolve(ctx.root, profile.data.cacheDir) });
  return images.value;
}
