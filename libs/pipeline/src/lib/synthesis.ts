// Synthesis as a registry run: one generator of one split makes videos from condition frames,
// written in the BUSV layout (so the classifiers read them with the real videos' loader), each
// video recorded as an artifact, with a contact strip and two checks of the issue: motion (mean
// absolute frame difference, beside the real test clips' when the source is the test videos) and
// fidelity to x0 (L1 between the generated frame 0 and x0).
import { join } from 'node:path';
import { firstFrames, videoStripAnimation, videoStripPng, writeVideosBusv, type ClipSet } from '@lddm/data';
import { writeFileAtomic } from '@lddm/runtime/files';
import { Rng } from '@lddm/runtime';
import { graphContext, keyedOf, outcomeOf, type PipelineContext, type StepOutcome } from './context';
import { Graph, type Done, type StepRef } from './dag/graph';
import { runGraph } from './dag/run-graph';
import { conditionImages, pipelineDataStep, splitClips, type PipelineData } from './datasets';
import type { GeneratorId } from '@lddm/config';
import { generatorOf, generatorSteps, sampling } from './generators';
import type { GeneratorEnv } from './lddm';
import { clipMotion, frameZeroL1 } from './video-stats';

/** busi: one video per selected BUSI lesion image (Table 2); test: from the first frame of each test video (Table 1). */
export type SynthesisSource = 'busi' | 'test';

export interface SynthesisResult {
  busvDir: string;
  manifestPath: string;
  count: number;
}

interface Conditions {
  data: Float32Array;
  shape: [number, number, number, number];
  labels: number[];
  ids: string[];
  classes: string[];
  sources: Array<Record<string, string | number>>;
  /** The real clips the conditions came from (source 'test'). */
  real?: ClipSet;
}

const safe = (id: string) => id.replace(/[^A-Za-z0-9_-]+/g, '_');

/** The first clip of each test video: x0 = its first frame. */
export function testFirstClips(data: PipelineData, ratio: string): ClipSet {
  const test = splitClips(data, ratio, 'test');
  const keep = Array.from(test.clipIndex, (c, i) => (c === 0 ? i : -1)).filter((i) => i >= 0);
  const [, t, h, w] = test.shape;
  const size = t * h * w;
  const pick = (i: number) => test.data.subarray(keep[i] * size, (keep[i] + 1) * size);
  const out = new Float32Array(keep.length * size);
  keep.forEach((_, i) => out.set(pick(i), i * size));
  return {
    ...test,
    data: out,
    shape: [keep.length, t, h, w, 1],
    labels: Int32Array.from(keep, (i) => test.labels[i]),
    videoIds: keep.map((i) => test.videoIds[i]),
    clipIndex: Int32Array.from(keep, (i) => test.clipIndex[i]),
    startFrame: Int32Array.from(keep, (i) => test.startFrame[i]),
    count: keep.length,
  };
}

async function conditions(ctx: Pick<PipelineContext, 'profile' | 'root'>, data: PipelineData, ratio: string, source: SynthesisSource, samples: number): Promise<Conditions> {
  const repeat = <T>(xs: T[]) => xs.flatMap((x) => Array.from({ length: samples }, () => x));
  const sampleIds = (ids: string[]) => ids.flatMap((id) => Array.from({ length: samples }, (_, k) => (samples > 1 ? `${id}-s${k}` : id)));
  const tile = (frames: Float32Array, n: number, frame: number) => {
    const out = new Float32Array(n * samples * frame);
    for (let i = 0; i < n; i++) for (let k = 0; k < samples; k++) out.set(frames.subarray(i * frame, (i + 1) * frame), (i * samples + k) * frame);
    return out;
  };
  if (source === 'busi') {
    const images = await conditionImages(ctx, data);
    const [n, h, w, c] = images.shape;
    const ids = images.ids.map((id, i) => `${String(i).padStart(4, '0')}_${safe(id)}`);
    return {
      data: tile(images.data, n, h * w * c),
      shape: [n * samples, h, w, c],
      labels: repeat(Array.from(images.labels)),
      ids: sampleIds(ids),
      classes: images.classes.slice(0, 2),
      sources: repeat(images.ids.map((id) => ({ image: id }))),
    };
  }
  const real = testFirstClips(data, ratio);
  const [n, , h, w] = real.shape;
  return {
    data: tile(firstFrames(real), n, h * w),
    shape: [n * samples, h, w, 1],
    labels: repeat(Array.from(real.labels)),
    ids: sampleIds(real.videoIds.map(safe)),
    classes: [...real.classes],
    sources: repeat(real.videoIds.map((id) => ({ testVideo: id }))),
    real,
  };
}

/** A finished synthesis run and where its videos are. */
export type SynthesisDone = Done<SynthesisResult> & { busvDir: string };

/** The synthesis step of a generator on a split: after the generator's training steps. */
export function synthesisStep(graph: Graph, ctx: GeneratorEnv & Pick<PipelineContext, 'root'>, dataRef: StepRef<PipelineData>, generatorId: GeneratorId, ratio: string, source: SynthesisSource, options: { samples?: number } = {}): StepRef<SynthesisDone> {
  const samples = options.samples ?? 1;
  const name = `synthesis ${generatorId} ${ratio} ${source}${samples === 1 ? '' : ` x${samples}`}`;
  return graph.step(name, () => {
    const trained = generatorSteps(graph, ctx, dataRef, generatorId, ratio).map(([, ref]) => ref);
    const config = { generator: generatorId, ratio, source, samples, sampling: sampling(ctx, generatorId), images: source === 'busi' ? { ...ctx.profile.data.images } : null };
    return {
      name,
      needs: [dataRef, ...trained],
      keyed: (view) => {
        const data = view.keyed(dataRef);
        // The generator's runs are inputs: its key follows theirs.
        const runKeys = trained.map((ref) => view.keyed(ref).key);
        const inputs = source === 'busi' ? [...runKeys, data.facts!['imageFingerprint']] : [...runKeys, data.key];
        return keyedOf(ctx, { kind: 'synthesis', config, inputs, seedPath: ['synthesis', generatorId, ratio, source], params: { generator: generatorId, ratio, source, samples } });
      },
      compute: async (inputs, run, dir, seed): Promise<SynthesisResult> => {
        const data = inputs.get(dataRef);
        const generator = generatorOf(ctx, generatorId, trained.map((ref) => inputs.done(ref)));
        const cond = await conditions(ctx, data, ratio, source, samples);
        // The models are loaded only here: a reused synthesis reads no checkpoint.
        const sampler = await generator.open();
        let clips: ReturnType<typeof sampler.synthesize>;
        try {
          clips = sampler.synthesize({ data: cond.data, shape: cond.shape }, new Rng(seed), `synthesis ${generatorId} ${ratio} ${source}`);
        } finally {
          sampler.dispose();
        }
        const [n, t, h, w] = clips.shape;
        const written = await writeVideosBusv(join(dir, 'videos'), { data: clips.data, shape: [n, t, h, w, 1], normalization: ctx.profile.data.normalization, labels: cond.labels, classes: cond.classes, ids: cond.ids, sources: cond.sources }, { generator: generatorId, ratio, source, samples });
        run.addArtifact({ path: written.manifestPath, kind: 'manifest' });
        for (const video of written.records) run.addArtifact({ path: video, kind: 'video' });
        // Each frame too: a reused synthesis is checked frame by frame before a classifier trains
        // on it, and an audit re-hashes them (the records' sha256 lists alone were never checked).
        for (const frame of written.frames) run.addArtifact({ path: frame, kind: 'frame' });
        const motion = clipMotion(clips.data, n, t, h * w);
        const x0L1 = frameZeroL1(clips.data, cond.data, n, t, h * w);
        run.logMetrics([
          { name: 'videos', value: n },
          { name: 'motion', value: motion, split: source },
          { name: 'x0_l1', value: x0L1, split: source },
          ...(cond.real ? [{ name: 'real_motion', value: clipMotion(cond.real.data, cond.real.count, t, h * w), split: source }] : []),
          // Sampled latents in stage 2's standardised space: training latents have mean 0, std 1 there.
          ...(clips.latentStats
            ? [
                { name: 'latent_mean_abs', value: clips.latentStats.meanAbs, split: source },
                { name: 'latent_std', value: clips.latentStats.std, split: source },
                { name: 'latent_outside_4sd', value: clips.latentStats.outside4, split: source },
              ]
            : []),
        ]);
        // A strip of the first few: x0, then 8 generated frames (and the real clip below it for 'test').
        const rows = [];
        for (let i = 0; i < Math.min(4, n); i += 1) {
          const video = clips.data.subarray(i * t * h * w, (i + 1) * t * h * w);
          rows.push({ x0: cond.data.subarray(i * h * w, (i + 1) * h * w), frames: video, t });
          const real = cond.real;
          const r = Math.floor(i / samples);
          if (real && i % samples === 0) rows.push({ x0: cond.data.subarray(i * h * w, (i + 1) * h * w), frames: real.data.subarray(r * t * h * w, (r + 1) * t * h * w), t });
        }
        const strip = join(dir, 'strip.png');
        await writeFileAtomic(strip, videoStripPng(rows, { h, w }, ctx.profile.data.normalization));
        run.addArtifact({ path: strip, kind: 'strip' });
        for (const format of ['gif', 'webp'] as const) {
          const animation = join(dir, `strip.${format}`);
          await writeFileAtomic(animation, await videoStripAnimation(rows, { h, w }, ctx.profile.data.normalization, format));
          run.addArtifact({ path: animation, kind: format });
        }
        return { busvDir: written.busvDir, manifestPath: written.manifestPath, count: n };
      },
      output: (_inputs, done) => ({ ...done, busvDir: done.result?.busvDir ?? synthesisBusvDir(done.artifacts) }),
    };
  });
}

/** Makes (or reuses) one synthesis, training (or reusing) its generator first. */
export async function ensureSynthesis(ctx: PipelineContext, generatorId: GeneratorId, ratio: string, source: SynthesisSource, options: { samples?: number } = {}): Promise<StepOutcome<SynthesisResult>> {
  const graph = new Graph();
  const ref = synthesisStep(graph, ctx, graph.step('data', () => pipelineDataStep(ctx)), generatorId, ratio, source, options);
  const { done } = await runGraph(graph, graphContext(ctx));
  return outcomeOf<SynthesisResult>(done.get(ref.name)!);
}

/** Where a finished synthesis run's videos are (its manifest's folder). */
export function synthesisBusvDir(artifacts: ReadonlyArray<{ kind: string; path: string }>): string {
  const manifest = artifacts.find((a) => a.kind === 'manifest');
  if (manifest === undefined) throw new Error('the synthesis run recorded no manifest; rerun it with --force');
  return join(manifest.path, '..', 'busv');
}
