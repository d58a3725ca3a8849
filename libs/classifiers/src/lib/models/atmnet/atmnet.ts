// ATMNet / ActiveMLP (Wei et al. CVPR 2023; reference microsoft/ActiveMLP `ActivexTiny`: depths
// [2, 2, 4, 2], dims [64, 128, 320, 512], offset sharing [2, 4, 4, 8], new offsets every 2 blocks):
//   patch embedding conv7x7/4 (pad 2) -> stages of ActiveBlocks, a conv3x3/2 (pad 1) downsample
//   between stages -> LayerNorm -> mean over tokens -> dropout -> fc.
// The reference is an image model. For video we apply it to one frame per segment (random within
// the segment in training, the centre at test) and average the class scores over segments
// (TSN-style consensus): `adaptation` records this with every run.
import { AtmnetSchema, type DeepReadonly } from '@lddm/config';
import { Conv2d } from '@lddm/nn';
import { computeFans, heNormal, tf, type RandomSource, type Rng } from '@lddm/runtime';
import type { z } from 'zod';
import { gatherFrames, segmentIndices } from '../../input/temporal-sampling';
import { SegmentConsensusHead } from '../segment-head';
import { frozenConfig, VideoClassifier, type ClassifierOptions } from '../video-classifier';
import { ActiveStage } from './active-stage';
import { TokenLayerNorm } from './token-layer-norm';

export type AtmnetConfig = z.output<typeof AtmnetSchema>;

/** Active-xT's channels per shared offset by stage, and its interval between new offsets. */
const OFFSET_SHARE = [2, 4, 4, 8];
const OFFSET_INTERVAL = 2;

/** The reference's conv init N(0, 2 / fan_out): He normal (2 / fan_in) rescaled by sqrt(fan_in / fan_out). */
const fanOutNormal = (shape: number[], rng: Rng): tf.Tensor => {
  const { fanIn, fanOut } = computeFans(shape);
  return tf.tidy(() => tf.mul(heNormal(shape, rng), Math.sqrt(fanIn / fanOut)));
};

/** The reference sharing for stage i (8 beyond the fourth), or 1 when it does not divide 2 * dim. */
function offsetShare(stage: number, dim: number): number {
  const s = OFFSET_SHARE[stage] ?? 8;
  return (2 * dim) % s === 0 ? s : 1;
}

export class Atmnet extends VideoClassifier {
  readonly kind = 'atmnet' as const;
  readonly config: Readonly<AtmnetConfig>;
  readonly inputSize: number;
  readonly adaptation = 'per-frame, temporal average (TSN-style average of class scores over segments); 1-channel patch embedding; one-block stages predict their own offsets';
  private readonly patchEmbed: Conv2d;
  private readonly stages: ActiveStage[];
  private readonly downsamples: Conv2d[];
  private readonly norm: TokenLayerNorm;
  private readonly head: SegmentConsensusHead;

  constructor(source: RandomSource, config: DeepReadonly<AtmnetConfig>, options: ClassifierOptions) {
    super(source, options);
    this.config = frozenConfig(AtmnetSchema, config);
    const { depths, dims, mlpRatio, segments, dropout } = this.config;
    if (depths.length !== dims.length) throw new Error(`${this.label}: depths (${depths.length}) and dims (${dims.length}) must have the same length`);
    this.inputSize = this.config.inputSize;
    this.patchEmbed = this.addModule('patchEmbed', (rng) => new Conv2d(rng, { inChannels: options.inChannels, outChannels: dims[0], kernel: 7, stride: 4, padding: 2, weightInit: fanOutNormal }));
    this.stages = depths.map((depth, i) =>
      this.addModule(`stage${i + 1}`, (rng) => new ActiveStage(rng, { dim: dims[i], depth, mlpRatio, offsetShare: offsetShare(i, dims[i]), interval: OFFSET_INTERVAL })),
    );
    this.downsamples = dims.slice(1).map((dim, i) =>
      this.addModule(`downsample${i + 1}`, (rng) => new Conv2d(rng, { inChannels: dims[i], outChannels: dim, kernel: 3, stride: 2, padding: 1, weightInit: fanOutNormal })),
    );
    const last = dims[dims.length - 1];
    this.norm = this.addModule('norm', new TokenLayerNorm(last));
    this.head = this.addModule('head', (rng) => new SegmentConsensusHead(rng, { inFeatures: last, numClasses: options.numClasses, segments, dropout }));
  }

  protected forward(clips: tf.Tensor5D, training: boolean): tf.Tensor2D {
    const [b, t, h, w, c] = clips.shape;
    const { segments } = this.config;
    const rows = Array.from({ length: b }, () => segmentIndices(t, segments, training ? this.samplingRng : undefined));
    let x = this.patchEmbed.apply(tf.reshape<tf.Rank.R4>(gatherFrames(clips, rows), [b * segments, h, w, c]));
    this.stages.forEach((stage, i) => {
      x = stage.apply(x);
      if (i < this.downsamples.length) x = this.downsamples[i].apply(x);
    });
    return this.head.apply(tf.mean<tf.Tensor2D>(this.norm.apply(x), [1, 2]));
  }
}
