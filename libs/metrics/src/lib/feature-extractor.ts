// The one interface behind FVD / DTFVD features: an id and the identity of its weights, which every
// metric value stores (issue 7: "extractor ids and hashes are stored with each metric value"),
// and batched feature extraction for videos [N, T, H, W, C] in [-1, 1].
import { tf } from '@lddm/runtime';
import type { FeatureMatrix } from './feature-matrix';

/** Where the weights came from: a converted public checkpoint, a seeded initialisation, or a network the platform trained. */
export type WeightsSource = 'file' | 'seeded-init' | 'trained-in-domain';

export interface ExtractorWeights {
  source: WeightsSource;
  /** sha256 of the weights file, or of the generated weights' bytes in name order. */
  sha256: string;
  path?: string;
}

export interface FeaturesOptions {
  /** Videos per forward (default 4). */
  batchSize?: number;
  /** Called after each batch with the number of videos done in it (drive a progress bar). */
  onBatch?: (videos: number) => void;
}

export interface FeatureExtractor {
  readonly id: string;
  readonly weights: ExtractorWeights;
  /** Frames the network takes (the first inputFrames of each clip); undefined for per-frame networks. */
  readonly inputFrames?: number;
  /** Frames are resized to inputSize x inputSize. */
  readonly inputSize: number;
  /** Feature dimension D. */
  readonly dim: number;
  /** [N, D] features, computed in batches. */
  features(videos: tf.Tensor5D, options?: FeaturesOptions): FeatureMatrix;
  dispose(): void;
}

/**
 * The clips as the references feed them: the first `frames` frames, each resized bilinearly to
 * size x size (TF1 resize_bilinear without half-pixel centres, as the FVD reference), grey
 * replicated to RGB. Resizing is linear, so resizing [-1, 1] values equals the reference's resize
 * of [0, 255] values followed by scaling to [-1, 1].
 */
export function prepareClips(videos: tf.Tensor5D, frames: number | undefined, size: number): tf.Tensor5D {
  if (videos.rank !== 5 || (videos.shape[4] !== 1 && videos.shape[4] !== 3)) {
    throw new Error(`prepareClips: expected videos [N, T, H, W, 1 or 3], got [${videos.shape.join(', ')}]`);
  }
  const [n, t, h, w, c] = videos.shape;
  if (frames !== undefined && t < frames) throw new Error(`prepareClips: clips have ${t} frames, the extractor needs ${frames}`);
  const used = frames ?? t;
  return tf.tidy(() => {
    const clip = used === t ? videos : tf.slice(videos, [0, 0, 0, 0, 0], [n, used, h, w, c]);
    let flat = tf.reshape<tf.Rank.R4>(clip, [n * used, h, w, c]);
    if (h !== size || w !== size) flat = tf.image.resizeBilinear(flat, [size, size]);
    if (c === 1) flat = tf.tile(flat, [1, 1, 1, 3]);
    return tf.reshape<tf.Rank.R5>(flat, [n, used, size, size, 3]);
  });
}

/** Runs `forward` over batches of videos and stacks the [B, D] results into one [N, D] matrix. */
export function batchedFeatures(videos: tf.Tensor5D, dim: number, forward: (batch: tf.Tensor5D) => tf.Tensor2D, options: FeaturesOptions = {}): FeatureMatrix {
  const n = videos.shape[0];
  const batchSize = options.batchSize ?? 4;
  const data = new Float32Array(n * dim);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const out = tf.tidy(() => forward(tf.slice(videos, [start, 0, 0, 0, 0], [size, -1, -1, -1, -1])));
    if (out.shape[1] !== dim) throw new Error(`batchedFeatures: the network gave ${out.shape[1]} features, expected ${dim}`);
    data.set(out.dataSync(), start * dim);
    out.dispose();
    options.onBatch?.(size);
  }
  return { data, n, d: dim };
}
