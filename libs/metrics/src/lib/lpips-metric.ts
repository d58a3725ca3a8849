// LPIPS as a Table 1 metric: a named network with recorded weights, scoring video pairs frame by
// frame (resized to `size` like every extractor input) and averaging over frames.
import { createProgress, tf } from '@lddm/runtime';
import { prepareClips, type ExtractorWeights } from './feature-extractor';
import { initialiseWeights } from './extractor-weights';
import { Lpips } from './lpips';
import type { Vgg16Input } from './vgg16';

export interface LpipsMetricOptions {
  size: number;
  seed: number;
  network?: Vgg16Input;
  weightsPath?: string;
}

export class LpipsMetric {
  readonly id = 'lpips-vgg16-v0.1';
  readonly inputSize: number;

  private constructor(
    readonly network: Lpips,
    readonly weights: ExtractorWeights,
    size: number,
  ) {
    this.inputSize = size;
  }

  static async create(options: LpipsMetricOptions): Promise<LpipsMetric> {
    const network = new Lpips(options.seed, options.network);
    try {
      return new LpipsMetric(network, await initialiseWeights(network, options.weightsPath), options.size);
    } catch (error) {
      network.dispose();
      throw error;
    }
  }

  /** LPIPS of each (real, generated) video pair [N, T, H, W, C], averaged over frames: a [N] array. */
  videos(a: tf.Tensor5D, b: tf.Tensor5D, batchFrames = 16): Float64Array {
    if (a.shape.join(',') !== b.shape.join(',')) throw new Error(`${this.id}: the video sets differ in shape ([${a.shape}] vs [${b.shape}])`);
    const [n, t] = a.shape;
    const progress = createProgress({ label: `${this.id}`, total: n * t, unit: 'frame' });
    const pa = prepareClips(a, undefined, this.inputSize);
    const pb = prepareClips(b, undefined, this.inputSize);
    try {
      return this.network.videoDistance(pa, pb, batchFrames, (frames) => progress.tick(frames));
    } finally {
      tf.dispose([pa, pb]);
      progress.done();
    }
  }

  dispose(): void {
    this.network.dispose();
  }
}
