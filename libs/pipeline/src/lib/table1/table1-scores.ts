// The Table 1 numbers of one generator (docs/method.md "Metrics as the references compute them"):
// FVD / DTFVD are Fréchet distances between I3D features of the real test clips and of every
// generated sample (all `samples` per condition: more generated rows steady the covariance;
// recorded as fvdGenerated 'all-samples'); LPIPS, SSIM and PSNR pair sample 0 of each condition
// with the real clip it started from; DIV is the mean pairwise distance among one condition's
// samples. fvd_in_domain (metrics.inDomain) is FVD with the split's own trained I3D (its 1024-d
// pooled features). Each value records the extractor and the identity of its weights.
import type { MetricsConfig } from '@lddm/config';
import {
  createMetricNetwork,
  fvd,
  meanStd,
  psnr,
  ssim,
  type FeatureExtractor,
  type LpipsMetric,
  type MetricNetwork,
  type VggDiversity,
} from '@lddm/metrics';
import { tf } from '@lddm/runtime';
import type { ExtractorWeightsChoice } from './extractor-weights';
import { IN_DOMAIN_EXTRACTOR } from './in-domain-i3d';
import { sampleOf, type Table1Videos } from './table1-videos';

export const FVD_GENERATED = 'all-samples';
const LPIPS_CHUNK = 16;
/** SSIM and PSNR compare pixels at the data's own resolution (resizing would blur both sets alike). */
export const PIXEL_METRICS_RESOLUTION = 'native';

export interface Table1Score {
  name: 'fvd' | 'dtfvd' | 'lpips' | 'div' | 'ssim' | 'psnr' | 'fvd_in_domain';
  value: number;
  extra: Record<string, unknown>;
}

export interface Table1ScoreInput {
  videos: Table1Videos;
  metrics: MetricsConfig;
  /** Per extractor id: its weights file (or seeded initialisation) and seed. */
  weights: (id: string) => ExtractorWeightsChoice;
  /** Feature cache folder and the keys naming the two video sets. */
  cacheDir: string;
  realSetKey: string;
  generatedSetKey: string;
  /** The split's in-domain I3D (ensureInDomainI3d): its weights file and class count; absent: no fvd_in_domain. */
  inDomain?: { weights: ExtractorWeightsChoice; classes: number };
}

export interface Table1Scores {
  scores: Table1Score[];
  /** Feature dimensions of the FVD and DTFVD extractors. */
  featureDims: { fvd: number; dtfvd: number; fvdInDomain?: number };
}

const identity = (net: MetricNetwork) => ({ extractor: net.id, weightsSha256: net.weights.sha256, weightsSource: net.weights.source, weightsPath: net.weights.path ?? null });

async function withNetwork<T>(id: string, input: Table1ScoreInput, fn: (net: MetricNetwork) => Promise<T>, own?: Table1ScoreInput['inDomain']): Promise<T> {
  const choice = own?.weights ?? input.weights(id);
  const net = await createMetricNetwork(id, { size: input.metrics.size, frames: input.metrics.frames, seed: choice.seed, weightsPath: choice.path, classes: own?.classes });
  try {
    return await fn(net);
  } finally {
    net.dispose();
  }
}

const isFeatureExtractor = (net: MetricNetwork): net is MetricNetwork & FeatureExtractor => 'features' in net;
const isLpips = (net: MetricNetwork): net is LpipsMetric => 'videos' in net;
const isDiversity = (net: MetricNetwork): net is VggDiversity => 'diversity' in net;
const kindError = (column: string, id: string, wants: string) => new Error(`metrics.${column}.extractor "${id}" is not ${wants}`);

/** The first `frames` frames of n clips of t frames each ([n, t, hw] -> [n, frames, hw]). */
function firstFrames(data: Float32Array, n: number, t: number, hw: number, frames: number): Float32Array {
  if (frames === t) return data;
  const out = new Float32Array(n * frames * hw);
  for (let i = 0; i < n; i++) out.set(data.subarray(i * t * hw, (i * t + frames) * hw), i * frames * hw);
  return out;
}

const mean = (xs: Float64Array) => meanStd(Array.from(xs)).mean;
const std = (xs: Float64Array) => meanStd(Array.from(xs)).std;
const perVideo = (values: Float64Array) => ({ videos: values.length, std: std(values) });

export async function scoreTable1(input: Table1ScoreInput): Promise<Table1Scores> {
  const { videos, metrics } = input;
  const [t, h, w] = videos.clip;
  const n = videos.real.count;
  const s = videos.samples;
  if (t < metrics.frames) throw new Error(`table1: clips have ${t} frames, metrics.frames asks for ${metrics.frames}`);
  const f = metrics.frames;
  const real = tf.tensor5d(firstFrames(videos.real.data, n, t, h * w, f), [n, f, h, w, 1]);
  const generated = tf.tensor5d(firstFrames(videos.generated, n * s, t, h * w, f), [n * s, f, h, w, 1]);
  const sample0 = tf.tensor5d(firstFrames(sampleOf(videos, 0), n, t, h * w, f), [n, f, h, w, 1]);
  try {
    const frechet = (column: 'fvd' | 'dtfvd' | 'fvd_in_domain', id: string, own?: Table1ScoreInput['inDomain']) =>
      withNetwork(id, input, async (net) => {
        if (!isFeatureExtractor(net)) throw kindError(column, net.id, 'a video feature extractor (I3D)');
        const tag = `frames=${f},size=${metrics.size}`;
        const cache = { dir: input.cacheDir, realKey: `${input.realSetKey}|${tag}`, generatedKey: `${input.generatedSetKey}|${tag}` };
        const r = await fvd(net, real, generated, { scale: metrics.fvdScale, cache });
        const score: Table1Score = { name: column, value: r.value, extra: { ...identity(net), fvdScale: metrics.fvdScale, realVideos: r.realVideos, generatedVideos: r.generatedVideos, featureDim: r.featureDim, generated: FVD_GENERATED } };
        return { score, dim: r.featureDim };
      }, own);
    const fvdColumn = await frechet('fvd', metrics.fvd.extractor);
    const dtfvd = await frechet('dtfvd', metrics.dtfvd.extractor);
    // The in-domain extractor's 'pool' output (1024-d): 2 logits would make a 2-d distance.
    const inDomain = input.inDomain === undefined ? undefined : await frechet('fvd_in_domain', IN_DOMAIN_EXTRACTOR, input.inDomain);
    const lpips = await withNetwork(metrics.lpips.extractor, input, async (net) => {
      if (!isLpips(net)) throw kindError('lpips', net.id, 'an LPIPS network');
      // In chunks of videos: the network's input is resized to metrics.size and RGB (3 x 224^2 per frame).
      const parts: Float64Array[] = [];
      for (let i = 0; i < n; i += LPIPS_CHUNK) {
        const size = Math.min(LPIPS_CHUNK, n - i);
        const [a, b] = [real, sample0].map((x) => tf.slice(x, [i, 0, 0, 0, 0], [size, -1, -1, -1, -1]));
        try {
          parts.push(net.videos(a, b));
        } finally {
          tf.dispose([a, b]);
        }
      }
      const values = Float64Array.from(parts.flatMap((p) => Array.from(p)));
      return { name: 'lpips', value: mean(values), extra: { ...identity(net), pairs: 'sample 0 vs its real clip, mean over frames', ...perVideo(values) } } satisfies Table1Score;
    });
    const div = await withNetwork(metrics.div.extractor, input, async (net) => {
      if (!isDiversity(net)) throw kindError('div', net.id, 'a diversity network (VGG16)');
      const conditions = Array.from({ length: n }, (_, i) => tf.slice(generated, [i * s, 0, 0, 0, 0], [s, -1, -1, -1, -1]));
      try {
        const result = net.diversity(conditions, metrics.div.distance);
        return { name: 'div', value: result.value, extra: { ...identity(net), distance: result.distance, samples: s, conditions: n, std: std(result.perCondition) } } satisfies Table1Score;
      } finally {
        tf.dispose(conditions);
      }
    });
    const none = { extractor: 'none', weightsSha256: null, weightsSource: null, resolution: PIXEL_METRICS_RESOLUTION, pairs: 'sample 0 vs its real clip' };
    const ssimValues = ssim(real, sample0);
    const psnrValues = psnr(real, sample0);
    return {
      scores: [
        fvdColumn.score,
        dtfvd.score,
        lpips,
        div,
        { name: 'ssim', value: mean(ssimValues), extra: { ...none, ...perVideo(ssimValues) } },
        { name: 'psnr', value: mean(psnrValues), extra: { ...none, ...perVideo(psnrValues) } },
        ...(inDomain === undefined ? [] : [{ ...inDomain.score, extra: { ...inDomain.score.extra, features: 'pool' } }]),
      ],
      featureDims: { fvd: fvdColumn.dim, dtfvd: dtfvd.dim, ...(inDomain === undefined ? {} : { fvdInDomain: inDomain.dim }) },
    };
  } finally {
    tf.dispose([real, generated, sample0]);
  }
}
