// TDN (Wang et al. CVPR 2021; reference TDN_Net, mmaction2 tdn_r50 recipe): S segments; for each,
// the centre frame goes through the RGB stem and the `shortTermFrames` frames around it through
// the short-term TDM; the two are fused (1 - w) rgb + w diff after the stem and, after a layer1 of
// the difference branch's own, after layer1. Every block of layers 2-4 carries the long-term TDM
// and then the learnable temporal shift after its conv1. TSN head, average consensus.
// Differences from the reference: GroupNorm for BatchNorm and a 1-channel stem from scratch.
import { TdnSchema, type DeepReadonly } from '@lddm/config';
import { Module, ResNet2d, ResNetStage } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import type { z } from 'zod';
import { framesAround, gatherFrames, segmentIndices } from '../../input/temporal-sampling';
import { SegmentConsensusHead } from '../segment-head';
import { frozenConfig, VideoClassifier, type ClassifierOptions } from '../video-classifier';
import { LearnableTemporalShift } from './learnable-shift';
import { LongTermTdm } from './long-term-tdm';
import { fuseDifference, ShortTermTdm } from './short-term-tdm';

export type TdnConfig = z.output<typeof TdnSchema>;

/** The reference's shift fold (ShiftModule n_div = 8). */
const SHIFT_DIV = 8;

/** Long-term TDM then the learnable shift, as the reference's BottleneckShift runs them after conv1. */
class LongTermStep extends Module {
  private readonly tdm: LongTermTdm;
  private readonly shift: LearnableTemporalShift;

  constructor(source: RandomSource, channels: number, segments: number) {
    super(source);
    this.tdm = this.addModule('tdm', (rng) => new LongTermTdm(rng, { channels, segments }));
    this.shift = this.addModule('shift', new LearnableTemporalShift({ channels, segments, shiftDiv: SHIFT_DIV }));
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => this.shift.apply(this.tdm.apply(x)));
  }
}

export class Tdn extends VideoClassifier {
  readonly kind = 'tdn' as const;
  readonly config: Readonly<TdnConfig>;
  readonly inputSize: number;
  readonly adaptation = '1-channel stems trained from scratch; GroupNorm for BatchNorm';
  readonly backbone: ResNet2d;
  readonly shortTerm: ShortTermTdm;
  private readonly differenceLayer1: ResNetStage;
  private readonly head: SegmentConsensusHead;

  constructor(source: RandomSource, config: DeepReadonly<TdnConfig>, options: ClassifierOptions) {
    super(source, options);
    this.config = frozenConfig(TdnSchema, config);
    const { segments, backbone, shortTermFrames } = this.config;
    this.inputSize = this.config.inputSize;
    this.backbone = this.addModule('backbone', (rng) =>
      new ResNet2d(rng, {
        backbone,
        inChannels: options.inChannels,
        hooks: ({ stage }) => (stage >= 1 ? { afterConv1: (r, channels) => new LongTermStep(r, channels, segments) } : {}),
      }),
    );
    this.shortTerm = this.addModule('shortTerm', (rng) => new ShortTermTdm(rng, { frames: shortTermFrames, inChannels: options.inChannels, outChannels: backbone.stemWidth }));
    this.differenceLayer1 = this.addModule('differenceLayer1', (rng) =>
      new ResNetStage(rng, { block: backbone.block, inChannels: backbone.stemWidth, planes: backbone.widths[0], blocks: backbone.layers[0], stride: 1, stage: 0 }),
    );
    this.head = this.addModule('head', (rng) =>
      new SegmentConsensusHead(rng, { inFeatures: this.backbone.outChannels, numClasses: options.numClasses, segments, dropout: this.config.dropout }),
    );
  }

  protected forward(clips: tf.Tensor5D, training: boolean): tf.Tensor2D {
    const [b, t, h, w, c] = clips.shape;
    const { segments, shortTermFrames: l, fuseWeight } = this.config;
    const rows = Array.from({ length: b }, () =>
      segmentIndices(t, segments, training ? this.samplingRng : undefined).flatMap((centre) => framesAround(centre, l, t)),
    );
    const windows = tf.reshape<tf.Rank.R5>(gatherFrames(clips, rows), [b * segments, l, h, w, c]);
    // The centre of each window (framesAround puts it at floor((L - 1) / 2)) is the RGB input.
    const centres = tf.reshape<tf.Rank.R4>(tf.slice(windows, [0, Math.floor((l - 1) / 2), 0, 0, 0], [-1, 1, -1, -1, -1]), [b * segments, h, w, c]);
    const difference = this.shortTerm.apply(windows);
    let x = fuseDifference(this.backbone.stem(centres), difference, fuseWeight);
    x = fuseDifference(this.backbone.stage(0, x), this.differenceLayer1.apply(difference), fuseWeight);
    for (let i = 1; i < this.backbone.stageCount; i++) x = this.backbone.stage(i, x);
    return this.head.apply(tf.mean<tf.Tensor2D>(x, [1, 2]));
  }
}
