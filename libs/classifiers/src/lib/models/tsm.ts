// TSM (Lin et al. ICCV 2019; mmaction2 tsm_r50 recipe): one frame from each of S segments (random in
// training, centre at test), a 2D ResNet on every frame with the temporal shift wrapping conv1 of
// every residual block (residual shift: the branch sees shifted features, the shortcut does not),
// then the TSN head with average consensus over segments.
import { TsmSchema, type DeepReadonly } from '@lddm/config';
import { ResNet2d } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import type { z } from 'zod';
import { gatherFrames, segmentIndices } from '../input/temporal-sampling';
import { SegmentConsensusHead } from './segment-head';
import { temporalShift } from './temporal-shift';
import { frozenConfig, VideoClassifier, type ClassifierOptions } from './video-classifier';

export type TsmConfig = z.output<typeof TsmSchema>;

export class Tsm extends VideoClassifier {
  readonly kind = 'tsm' as const;
  readonly config: Readonly<TsmConfig>;
  readonly inputSize: number;
  readonly adaptation = '1-channel stem trained from scratch; GroupNorm for BatchNorm';
  readonly backbone: ResNet2d;
  private readonly head: SegmentConsensusHead;

  constructor(source: RandomSource, config: DeepReadonly<TsmConfig>, options: ClassifierOptions) {
    super(source, options);
    this.config = frozenConfig(TsmSchema, config);
    const { segments, shiftDiv } = this.config;
    this.inputSize = this.config.inputSize;
    this.backbone = this.addModule('backbone', (rng) =>
      new ResNet2d(rng, { backbone: this.config.backbone, inChannels: options.inChannels, hooks: () => ({ branchInput: (x) => temporalShift(x, segments, shiftDiv) }) }),
    );
    this.head = this.addModule('head', (rng) =>
      new SegmentConsensusHead(rng, { inFeatures: this.backbone.outChannels, numClasses: options.numClasses, segments, dropout: this.config.dropout }),
    );
  }

  protected forward(clips: tf.Tensor5D, training: boolean): tf.Tensor2D {
    const [b, t, h, w, c] = clips.shape;
    const { segments } = this.config;
    const rows = Array.from({ length: b }, () => segmentIndices(t, segments, training ? this.samplingRng : undefined));
    const frames = tf.reshape<tf.Rank.R4>(gatherFrames(clips, rows), [b * segments, h, w, c]);
    return this.head.apply(this.backbone.apply(frames));
  }
}
