// The x0 encoder of the spatio-temporal denoiser. Same CNN and config as ConditionImageEncoder
// (stages of 3x3 conv stride 2 -> GroupNorm -> SiLU; global average pooling -> Linear -> c), but it
// also returns the last stage's feature map resized to the latent grid (h, w), because the UNet
// uses x0 twice:
//   - c = E(x0) [B, condDim], added to the time embedding (the profile's DenoiserSchema);
//   - F(x0) [B, h, w, C_last], concatenated with z_t at the UNet input. The first frame is the
//     strongest signal for image-to-video (every frame of the clip shares its anatomy), and a
//     pooled vector alone would make the network rebuild "where" from a global code; the paper
//     only says "conditioned on x0". (SR3 / ADM's super-resolution models concatenate their
//     low-resolution image with the noisy input the same way.)
// ConditionImageEncoder keeps its feature map private, hence this sibling with the same layers.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, GroupNorm, Linear, Module, silu } from '@lddm/nn';
import { adaptiveAvgPool2d } from './adaptive-avg-pool-2d';
import { ConditionImageEncoderConfigSchema, type ConditionImageEncoderConfig, type ConditionImageEncoderInput } from './condition-image-encoder';

export interface ConditionFeatures {
  /** c = E(x0): [B, condDim]. */
  vector: tf.Tensor2D;
  /** The last stage's features resized to the latent grid: [B, h, w, mapChannels]. */
  map: tf.Tensor4D;
}

interface Stage {
  conv: Conv2d;
  norm: GroupNorm;
}

export class ConditionFeatureEncoder extends Module {
  readonly config: Readonly<ConditionImageEncoderConfig>;
  private readonly stages: Stage[];
  private readonly head: Linear;

  constructor(source: RandomSource, input: ConditionImageEncoderInput = {}) {
    super(source);
    const config = Object.freeze(ConditionImageEncoderConfigSchema.parse(input));
    this.config = config;
    const ins = [config.inChannels, ...config.widths];
    this.stages = config.widths.map((width, i) => ({
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

  /** x0 [B, H, W, inChannels] -> c [B, condDim] and the feature map at [B, gridH, gridW, mapChannels]. */
  apply(x0: tf.Tensor4D, grid: readonly [number, number]): ConditionFeatures {
    if (x0.rank !== 4 || x0.shape[3] !== this.config.inChannels) {
      throw new Error(`${this.label}: expected x0 of shape [B, H, W, ${this.config.inChannels}], got [${x0.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const features = this.stages.reduce((h, { conv, norm }) => silu(norm.apply(conv.apply(h))), x0);
      return {
        vector: this.head.apply(tf.mean<tf.Tensor2D>(features, [1, 2])),
        map: adaptiveAvgPool2d(features, grid),
      };
    });
  }
}
