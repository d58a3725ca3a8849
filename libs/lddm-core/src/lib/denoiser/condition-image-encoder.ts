// The condition encoder of stage 2: the first frame x0 [B, H, W, C] in [-1, 1] to one vector
// c = E(x0) [B, condDim] that the denoiser sees beside the time embedding. A small CNN: stages of
// (3x3 conv, stride 2) -> GroupNorm -> SiLU, then global average pooling and a Linear.
// `encode(x0, grid)` also returns the last stage's feature map F(x0) resized to the latent grid,
// because the spatio-temporal UNet uses x0 twice:
//   - c = E(x0) [B, condDim], added to the time embedding (the profile's DenoiserSchema);
//   - F(x0) [B, h, w, C_last], concatenated with z_t at the UNet input. The first frame is the
//     strongest signal for image-to-video (every frame of the clip shares its anatomy), and a
//     pooled vector alone would make the network rebuild "where" from a global code; the paper
//     only says "conditioned on x0". (SR3 / ADM's super-resolution models concatenate their
//     low-resolution image with the noisy input the same way.)
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, GroupNorm, Linear, Module, silu } from '@lddm/nn';
import { adaptiveAvgPool2d } from './adaptive-avg-pool-2d';
import { commonGroups } from '../common-groups';
import type { DenoiserConfig } from './create-denoiser';

/** GroupNorm groups of the stages: the largest divisor of every width up to 8 (8 for the profiles' widths). */
const MAX_GROUPS = 8;

/** The resolved encoder (serialise it with the run): widths = condWidths, groups from them. */
export interface ConditionImageEncoderConfig {
  /** Channels of x0 (1 for grayscale ultrasound). */
  inChannels: number;
  /** Output channels of each strided stage; each stage halves H and W. */
  widths: readonly number[];
  groups: number;
  /** Width of the condition vector c. */
  condDim: number;
}

export interface ConditionFeatures {
  /** c = E(x0): [B, condDim]. */
  vector: tf.Tensor2D;
  /** The last stage's features, resized to the requested grid if one was given: [B, h, w, mapChannels]. */
  map: tf.Tensor4D;
}

interface Stage {
  conv: Conv2d;
  norm: GroupNorm;
}

export class ConditionImageEncoder extends Module {
  readonly config: Readonly<ConditionImageEncoderConfig>;
  private readonly stages: Stage[];
  private readonly head: Linear;

  /** `denoiser`: the profile's lddm.stage2.denoiser (condWidths, condDim); `inChannels`: x0's channels. */
  constructor(source: RandomSource, denoiser: Pick<DenoiserConfig, 'condWidths' | 'condDim'>, inChannels: number) {
    super(source);
    const widths = Object.freeze([...denoiser.condWidths]);
    const config = Object.freeze({ inChannels, widths, groups: commonGroups(widths, MAX_GROUPS), condDim: denoiser.condDim });
    this.config = config;
    const ins = [config.inChannels, ...config.widths];
    this.stages = config.widths.map((width, i) => ({
      // PyTorch-style symmetric padding 1: H -> ceil(H / 2) for stride 2.
      conv: this.addModule(`conv${i}`, (rng) => new Conv2d(rng, { inChannels: ins[i], outChannels: width, kernel: 3, stride: 2, padding: 1 })),
      norm: this.addModule(`norm${i}`, new GroupNorm({ channels: width, groups: config.groups })),
    }));
    this.head = this.addModule('head', (rng) => new Linear(rng, { inFeatures: this.mapChannels, outFeatures: config.condDim }));
  }

  get condDim(): number {
    return this.config.condDim;
  }

  /** Channels of the feature map: the last stage's width. */
  get mapChannels(): number {
    return this.config.widths[this.config.widths.length - 1];
  }

  /** x0: [B, H, W, inChannels] -> c: [B, condDim]. */
  apply(x0: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => this.head.apply(globalAveragePool(this.featureMap(x0))));
  }

  /**
   * x0 [B, H, W, inChannels] -> c [B, condDim] and the last stage's feature map, adaptively
   * average-pooled to `grid` = [h, w] when given (the latent grid), else at its own size.
   */
  encode(x0: tf.Tensor4D, grid?: readonly [number, number]): ConditionFeatures {
    return tf.tidy(() => {
      const features = this.featureMap(x0);
      return {
        vector: this.head.apply(globalAveragePool(features)),
        map: grid === undefined ? features : adaptiveAvgPool2d(features, grid),
      };
    });
  }

  private featureMap(x0: tf.Tensor4D): tf.Tensor4D {
    if (x0.rank !== 4 || x0.shape[3] !== this.config.inChannels) {
      throw new Error(`${this.label}: expected x0 of shape [B, H, W, ${this.config.inChannels}], got [${x0.shape.join(', ')}]`);
    }
    return tf.tidy(() => this.stages.reduce((h, { conv, norm }) => silu(norm.apply(conv.apply(h))), x0));
  }
}

/** Global average pooling over H and W: [B, H, W, C] -> [B, C]. */
const globalAveragePool = (x: tf.Tensor4D): tf.Tensor2D => tf.mean<tf.Tensor2D>(x, [1, 2]);
