// Fréchet Video Distance (Unterthiner et al. 2018) as one function: the extractor's features of
// each video set (cached on disk per extractor, weights and set key) -> Gaussian statistics ->
// Fréchet distance (frechet-distance.ts), times a display scale (docs/method.md "Metrics as the
// references compute them"). Which extractor and weights produced it is the caller's to record.
import type { tf } from '@lddm/runtime';
import { cachedFeatures } from './feature-cache';
import type { FeatureExtractor } from './feature-extractor';
import { frechetDistance } from './frechet-distance';

export interface FvdOptions {
  /** Multiplies the distance (metrics.fvdScale). */
  scale: number;
  /** Cache folder and the keys naming the two sets (their features are reused across runs). */
  cache: { dir: string; realKey: string; generatedKey: string };
}

export interface FvdResult {
  value: number;
  realVideos: number;
  generatedVideos: number;
  featureDim: number;
}

export async function fvd(extractor: FeatureExtractor, real: tf.Tensor5D, generated: tf.Tensor5D, options: FvdOptions): Promise<FvdResult> {
  const features = (key: string, clips: tf.Tensor5D) => cachedFeatures({ extractor, videoSetKey: key, cacheDir: options.cache.dir, compute: async () => extractor.features(clips) });
  const a = await features(options.cache.realKey, real);
  const b = await features(options.cache.generatedKey, generated);
  return { value: frechetDistance(a, b) * options.scale, realVideos: a.n, generatedVideos: b.n, featureDim: a.d };
}
