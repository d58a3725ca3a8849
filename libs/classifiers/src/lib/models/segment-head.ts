// The TSN-style head shared by TSM, TDN and ATMNet (mmaction2 TSMHead / TSNHead): per-frame pooled
// features [B * S, C] -> dropout -> fc -> class scores per segment, averaged over the S segments
// ("average consensus").
import { Dropout, Linear, Module } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';

export interface SegmentHeadOptions {
  inFeatures: number;
  numClasses: number;
  segments: number;
  dropout: number;
}

export class SegmentConsensusHead extends Module {
  readonly segments: number;
  private readonly dropout: Dropout;
  private readonly fc: Linear;

  constructor(source: RandomSource, options: SegmentHeadOptions) {
    super(source);
    this.segments = options.segments;
    this.dropout = this.addModule('dropout', (rng) => new Dropout(rng, options.dropout));
    this.fc = this.addModule('fc', (rng) => new Linear(rng, { inFeatures: options.inFeatures, outFeatures: options.numClasses }));
  }

  /** features [B * S, C] -> logits [B, numClasses], the mean over segments. */
  apply(features: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const scores = this.fc.apply(this.dropout.apply(features));
      const [n, k] = scores.shape;
      return tf.mean<tf.Tensor2D>(tf.reshape(scores, [n / this.segments, this.segments, k]), 1);
    });
  }
}
