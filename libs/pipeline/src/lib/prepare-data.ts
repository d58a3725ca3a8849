// Step 1 of every experiment, a step of the graph like the others (docs/architecture.md, data flow): resolve the datasets (generating the
// embedded phantom when no real data is configured), fingerprint and record them, preprocess the
// videos into the tensor cache, and make and save the seeded video splits. It is one registry run
// of kind "data" whose key hashes the config and the fingerprints, so a second call reuses it.
// Its key needs the fingerprints: a plan before the phantom exists shows it pending.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Profile } from '@lddm/config';
import {
  clipPreprocess,
  fingerprintDataset,
  generatePhantom,
  loadBusi,
  loadBusv,
  loadClips,
  makeSplits,
  phantomConfig,
  type ImageDataset,
  type VideoDataset,
  type VideoSplit,
} from '@lddm/data';
import { canonicalJson, runKey, type RunRecord } from '@lddm/registry';
import { createProgress } from '@lddm/runtime';
import { writeFileAtomic } from '@lddm/runtime/files';
import { PendingKey, type Keyed, type StepDef } from './dag/graph';

/** The profile sections the data step reads. */
export type PrepareDataConfig = Pick<Profile, 'data' | 'splits'>;

export interface PreparedData {
  run: RunRecord;
  reused: boolean;
  busvDir: string;
  busiDir: string;
  videoFingerprint: string;
  imageFingerprint: string;
  /** Split files by ratio ("7:3" -> path of the saved VideoSplit JSON). */
  splitFiles: Record<string, string>;
}

export interface DataStepOptions {
  /** Workspace root: relative dataset and cache paths of the profile resolve against it. */
  root: string;
  /** Where the generated phantom and the split files go (the experiments keep them beside the registry). */
  stateDir: string;
  /** The source version of the invocation (in the key). */
  sourceVersion: string;
  log(line: string): void;
}

const hash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);

/** The phantom folder for a config: generated once, then found by its config hash. */
async function resolvePhantom(config: PrepareDataConfig, stateDir: string, log: (line: string) => void, generate: boolean): Promise<string | undefined> {
  const dir = join(stateDir, 'data', `phantom-${hash(phantomConfig(config.data))}`);
  if (existsSync(join(dir, 'phantom.json'))) return dir;
  if (!generate) return undefined;
  log(`generating the phantom into ${dir}`);
  // One bar per phase (videos, then images), made when the phase reports its first item.
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  // Generated under a name of this process's own and renamed into place when complete: two
  // commands starting on a fresh workspace once wrote into one folder and one died (ENOENT).
  const staging = `${dir}.staging-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    await generatePhantom(config.data, {
      outDir: staging,
      onProgress: ({ phase, done, total }) => {
        const bar = bars.get(phase) ?? bars.set(phase, createProgress({ label: `phantom ${phase}`, total })).get(phase)!;
        bar.tick();
        if (done === total) bar.done();
      },
    });
    await moveIntoPlace(staging, dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return dir;
}

/** Renames a complete phantom into `dir`, unless another process's complete phantom got there first. */
async function moveIntoPlace(staging: string, dir: string): Promise<void> {
  // An incomplete phantom left by a killed run of an older version: ours to replace (marked).
  if (existsSync(dir) && !existsSync(join(dir, 'phantom.json')) && existsSync(join(dir, '.lddm-phantom'))) await rm(dir, { recursive: true, force: true });
  try {
    await rename(staging, dir);
  } catch (error) {
    if (existsSync(join(dir, 'phantom.json'))) return; // same config, same seed: the same phantom
    throw error;
  }
}

/** The datasets of a profile, read and fingerprinted. */
interface ResolvedData {
  busvDir: string;
  busiDir: string;
  videos: VideoDataset;
  images: ImageDataset;
  videoFingerprint: string;
  imageFingerprint: string;
}

/** Reads and fingerprints the datasets; undefined when the phantom is needed and `generate` is false. */
async function resolveData(config: PrepareDataConfig, options: DataStepOptions, generate: boolean): Promise<ResolvedData | undefined> {
  const { data } = config;
  const needsPhantom = data.videos.kind === 'phantom' || data.images.kind === 'phantom';
  const phantomDir = needsPhantom ? await resolvePhantom(config, options.stateDir, options.log, generate) : '';
  if (phantomDir === undefined) return undefined;
  const busvDir = data.videos.kind === 'phantom' ? join(phantomDir, 'busv') : resolve(options.root, data.videos.path ?? '');
  const busiDir = data.images.kind === 'phantom' ? join(phantomDir, 'busi') : resolve(options.root, data.images.path ?? '');
  const videos = await loadBusv(busvDir);
  const images = await loadBusi(busiDir, { includeNormal: data.images.includeNormal });
  return { busvDir, busiDir, videos, images, videoFingerprint: await fingerprintDataset(videos), imageFingerprint: await fingerprintDataset(images) };
}

/** Split files by ratio of the data run with this key. */
const splitFilesOf = (stateDir: string, key: string, ratios: readonly string[]): Record<string, string> => {
  const splitDir = join(stateDir, 'splits', key.slice(0, 16));
  return Object.fromEntries(ratios.map((r) => [r, join(splitDir, `split-${r.replace(':', '-')}.json`)]));
};

/** The prepared data of a finished data run, from what it recorded (a worker has only its key). */
export function preparedFromRun(run: RunRecord, params: Record<string, unknown>, stateDir: string): PreparedData {
  const { splits } = run.config as { splits: { ratios: string[] } };
  return {
    run,
    reused: true,
    busvDir: String(params['busvDir']),
    busiDir: String(params['busiDir']),
    videoFingerprint: String(params['videoFingerprint']),
    imageFingerprint: String(params['imageFingerprint']),
    splitFiles: splitFilesOf(stateDir, run.key, splits.ratios),
  };
}

/** The data step: kind 'data', its key from the config and the two fingerprints; its output the PreparedData. */
export function dataStep(config: PrepareDataConfig, options: DataStepOptions): StepDef<PreparedData, void> {
  const { data, splits } = config;
  const { root, log } = options;
  const preprocess = clipPreprocess(data);
  const runConfig = { preprocess, splits: { ratios: [...splits.ratios], seed: splits.seed, stratified: splits.stratified } };
  let resolved: ResolvedData | undefined;
  const splitFiles = (key: string) => splitFilesOf(options.stateDir, key, splits.ratios);
  return {
    name: 'data',
    needs: [],
    ignoresForce: true,
    prepare: async (registry) => {
      resolved = await resolveData(config, options, true);
      const { videos, images, busvDir, busiDir, videoFingerprint, imageFingerprint } = resolved!;
      // `open`: how to read the dataset again, so that an audit can re-fingerprint it.
      registry.recordDataset({ fingerprint: videoFingerprint, kind: data.videos.kind === 'phantom' ? 'phantom' : 'busv', sourcePath: busvDir, counts: { videos: videos.videos.length, errata: videos.errata.length, open: { kind: 'busv', options: {} } } });
      registry.recordDataset({ fingerprint: imageFingerprint, kind: data.images.kind === 'phantom' ? 'phantom' : 'busi', sourcePath: busiDir, counts: { images: images.images.length, open: { kind: 'busi', options: { includeNormal: data.images.includeNormal } } } });
    },
    keyed: async (): Promise<Keyed> => {
      // A plan reads what is there and generates nothing.
      const found = resolved ?? (await resolveData(config, options, false));
      if (found === undefined) throw new PendingKey('phantom');
      const { videoFingerprint, imageFingerprint } = found;
      const inputs = [videoFingerprint, imageFingerprint];
      const key = runKey({ kind: 'data', config: runConfig, inputs, sourceVersion: options.sourceVersion });
      return { kind: 'data', key, config: runConfig, inputs, seed: splits.seed, sourceVersion: options.sourceVersion, plainBackend: { name: 'none', version: '', threads: 0 }, facts: { videoFingerprint, imageFingerprint } };
    },
    // A finished run whose split files were deleted is recomputed, not trusted.
    stale: (run) => (Object.values(splitFiles(run.key)).every((p) => existsSync(p)) ? undefined : 'split files missing'),
    compute: async (_inputs, run) => {
      const { videos, images, videoFingerprint, imageFingerprint, busvDir, busiDir } = resolved!;
      const files = splitFiles(run.key);
      const clips = await loadClips(videos, preprocess, { fingerprint: videoFingerprint, cacheDir: resolve(root, data.cacheDir) });
      log(`clips: ${clips.value.labels.length} from ${videos.videos.length} videos (${clips.cache.hit ? 'cache hit' : `decoded ${clips.decoded} frames`}), ${clips.value.skipped.length} skipped`);
      run.logParams({ videoFingerprint, imageFingerprint, busvDir, busiDir, errata: videos.errata, skipped: clips.value.skipped });
      run.logMetrics([
        { name: 'videos', value: videos.videos.length },
        { name: 'images', value: images.images.length },
        { name: 'clips', value: clips.value.labels.length },
        { name: 'skipped_videos', value: clips.value.skipped.length },
      ]);
      // Every file of both datasets, hashed as it is now: a reuse of this run checks them (a changed
      // file is named, and the run recomputed) and an audit re-hashes them by name.
      for (const dataset of [videos, images]) for (const rel of dataset.files) run.addArtifact({ path: join(dataset.root, rel), kind: 'dataset-file' });
      const made: VideoSplit[] = makeSplits(videos, splits.ratios, { seed: splits.seed, stratified: splits.stratified });
      for (const split of made) {
        await writeFileAtomic(files[split.ratio], `${JSON.stringify(split, null, 2)}\n`);
        run.addArtifact({ path: files[split.ratio], kind: 'split' });
        log(`split ${split.ratio}: ${split.train.length} train / ${split.test.length} test videos`);
      }
    },
    output: (_inputs, done) => {
      const { busvDir, busiDir, videoFingerprint, imageFingerprint } = resolved!;
      return { run: done.run, reused: done.reused, busvDir, busiDir, videoFingerprint, imageFingerprint, splitFiles: splitFiles(done.run.key) };
    },
  };
}
