// Step 1 of every experiment, a pipeline step like the others (docs/architecture.md, data flow): resolve the datasets (generating the
// embedded phantom when no real data is configured), fingerprint and record them, preprocess the
// videos into the tensor cache, and make and save the seeded video splits. It is one registry run
// of kind "data" whose key hashes the config and the fingerprints, so a second call reuses it.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
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
  type VideoSplit,
} from '@lddm/data';
import { canonicalJson, reuseOrRun, runKey, sourceVersion, type Registry, type RunRecord } from '@lddm/registry';
import { createProgress } from '@lddm/runtime';
import { writeFileAtomic } from '@lddm/runtime/files';

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

export interface PrepareDataOptions {
  registry: Registry;
  /** Workspace root: relative dataset and cache paths of the profile resolve against it. */
  root: string;
  /** Where the generated phantom and the split files go (the experiments keep them beside the registry). */
  stateDir: string;
  profile: string;
  experiment?: string;
  log?: (line: string) => void;
  /** The source version for the run key (default: sourceVersion(root)); a pipeline passes its one per-invocation value. */
  sourceVersion?: string;
}

const hash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);

/** The phantom folder for a config: generated once, then found by its config hash. */
async function resolvePhantom(config: PrepareDataConfig, stateDir: string, log: (line: string) => void): Promise<string> {
  const dir = join(stateDir, 'data', `phantom-${hash(phantomConfig(config.data))}`);
  if (existsSync(join(dir, 'phantom.json'))) return dir;
  log(`generating the phantom into ${dir}`);
  // One bar per phase (videos, then images), made when the phase reports its first item.
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  await generatePhantom(config.data, {
    outDir: dir,
    onProgress: ({ phase, done, total }) => {
      const bar = bars.get(phase) ?? bars.set(phase, createProgress({ label: `phantom ${phase}`, total })).get(phase)!;
      bar.tick();
      if (done === total) bar.done();
    },
  });
  return dir;
}

export async function prepareData(config: PrepareDataConfig, options: PrepareDataOptions): Promise<PreparedData> {
  const { registry, root } = options;
  const log = options.log ?? (() => undefined);
  const { data, splits } = config;
  const needsPhantom = data.videos.kind === 'phantom' || data.images.kind === 'phantom';
  const phantomDir = needsPhantom ? await resolvePhantom(config, options.stateDir, log) : '';
  const busvDir = data.videos.kind === 'phantom' ? join(phantomDir, 'busv') : resolve(root, data.videos.path ?? '');
  const busiDir = data.images.kind === 'phantom' ? join(phantomDir, 'busi') : resolve(root, data.images.path ?? '');

  const videos = await loadBusv(busvDir);
  const images = await loadBusi(busiDir, { includeNormal: data.images.includeNormal });
  const videoFingerprint = await fingerprintDataset(videos);
  const imageFingerprint = await fingerprintDataset(images);
  registry.recordDataset({ fingerprint: videoFingerprint, kind: data.videos.kind === 'phantom' ? 'phantom' : 'busv', sourcePath: busvDir, counts: { videos: videos.videos.length, errata: videos.errata.length } });
  registry.recordDataset({ fingerprint: imageFingerprint, kind: data.images.kind === 'phantom' ? 'phantom' : 'busi', sourcePath: busiDir, counts: { images: images.images.length } });

  const preprocess = clipPreprocess(data);
  const runConfig = { preprocess, splits: { ratios: [...splits.ratios], seed: splits.seed, stratified: splits.stratified } };
  const source = options.sourceVersion ?? sourceVersion(root);
  const inputs = [videoFingerprint, imageFingerprint];
  const key = runKey({ kind: 'data', config: runConfig, inputs, sourceVersion: source });
  const splitDir = join(options.stateDir, 'splits', key.slice(0, 16));
  const splitFiles = Object.fromEntries(splits.ratios.map((r) => [r, join(splitDir, `split-${r.replace(':', '-')}.json`)]));
  const spec = {
    kind: 'data', key, config: runConfig, inputs, sourceVersion: source, seed: splits.seed, profile: options.profile,
    experiment: options.experiment, backend: { name: 'none', version: '', threads: 0 },
    // A finished run whose split files were deleted is recomputed, not trusted.
    force: !Object.values(splitFiles).every((p) => existsSync(p)),
  };
  const outcome = await reuseOrRun(registry, spec, async (run) => {
    const clips = await loadClips(videos, preprocess, { fingerprint: videoFingerprint, cacheDir: resolve(root, data.cacheDir) });
    log(`clips: ${clips.value.labels.length} from ${videos.videos.length} videos (${clips.cache.hit ? 'cache hit' : `decoded ${clips.decoded} frames`}), ${clips.value.skipped.length} skipped`);
    run.logParams({ videoFingerprint, imageFingerprint, busvDir, busiDir, errata: videos.errata, skipped: clips.value.skipped });
    run.logMetrics([
      { name: 'videos', value: videos.videos.length },
      { name: 'images', value: images.images.length },
      { name: 'clips', value: clips.value.labels.length },
      { name: 'skipped_videos', value: clips.value.skipped.length },
    ]);
    const made: VideoSplit[] = makeSplits(videos, splits.ratios, { seed: splits.seed, stratified: splits.stratified });
    for (const split of made) {
      await writeFileAtomic(splitFiles[split.ratio], `${JSON.stringify(split, null, 2)}\n`);
      run.addArtifact({ path: splitFiles[split.ratio], kind: 'split' });
      log(`split ${split.ratio}: ${split.train.length} train / ${split.test.length} test videos`);
    }
  });
  return { run: outcome.run, reused: outcome.reused, busvDir, busiDir, videoFingerprint, imageFingerprint, splitFiles };
}
