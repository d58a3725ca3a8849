// I3D as a FeatureExtractor: 'logits' (400-d for Kinetics-400, averaged over time) for FVD,
// 'pool' (1024-d average-pooled) for DTFVD and the in-domain variant. Clips: the first `frames`
// frames resized to `size` (references: 16 at 224), grey replicated to RGB, in [-1, 1].
import { createProgress, tf } from '@lddm/runtime';
import type { FeatureMatrix } from './feature-matrix';
import { batchedFeatures, prepareClips, type ExtractorWeights, type FeatureExtractor, type FeaturesOptions } from './feature-extractor';
import { initialiseWeights } from './extractor-weights';
import { I3d, type I3dConfig } from './i3d';

export interface I3dExtractorOptions {
  id: string;
  output: 'logits' | 'pool';
  frames: number;
  size: number;
  seed: number;
  network: I3dConfig;
  weightsPath?: string;
  /** 'file' for a converted public checkpoint, 'trained-in-domain' for one the platform trained. */
  weightsSource?: 'file' | 'trained-in-domain';
}

export class I3dExtractor implements FeatureExtractor {
  readonly id: string;
  readonly inputFrames: number;
  readonly inputSize: number;
  readonly dim: number;
  readonly output: 'logits' | 'pool';

  private constructor(
    readonly network: I3d,
    options: I3dExtractorOptions,
    readonly weights: ExtractorWeights,
  ) {
    this.id = options.id;
    this.output = options.output;
    this.inputFrames = options.frames;
    this.inputSize = options.size;
    this.dim = options.output === 'logits' ? network.config.classes : network.featureChannels;
  }

  static async create(options: I3dExtractorOptions): Promise<I3dExtractor> {
    const network = new I3d(options.seed, options.network);
    network.eval();
    try {
      const weights = await initialiseWeights(network, options.weightsPath, options.weightsSource);
      return new I3dExtractor(network, options, weights);
    } catch (error) {
      network.dispose();
      throw error;
    }
  }

  features(videos: tf.Tensor5D, options: FeaturesOptions = {}): FeatureMatrix {
    const progress = createProgress({ label: `${this.id} features`, total: videos.shape[0], unit: 'video' });
    const result = batchedFeatures(
      videos,
      this.dim,
      (batch) => this.network.apply(prepareClips(batch, this.inputFrames, this.inputSize))[this.output],
      { ...options, onBatch: (n) => (progress.tick(n), options.onBatch?.(n)) },
    );
    progress.done();
    return result;
  }

  dispose(): void {
    this.network.dispose();
  }
}
