// The condition encoder of stage 2: the first frame x0 [B, H, W, C] in [-1, 1] to one vector
// c = E(x0) [B, condDim] that the denoiser sees beside the time embedding. A small CNN: stages of
// (3x3 conv, stride 2) -> GroupNorm -> SiLU, then global average pooling and a Linear.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, GroupNorm, Linear, Module, silu } from '@lddm/nn';
import { z } from 'zod';

export const ConditionImageEncoderConfigSchema = z
  .object({
    /** Channels of x0 (1 for grayscale ultrasound). */
    inChannels: z.number().int().min(1).default(1),
    /** Output channels of each strided stage; each stage halves H and W. */
    widths: z.array(z.number().int().min(1)).min(1).default([16, 32, 64]),
    /** GroupNorm groups in every stage (each width must be divisible by it). */
    groups: z.number().int().min(1).default(8),
    /** Width of the condition vector c. */
    condDim: z.number().int().min(1).default(128),
  })
  .refine((c) => c.widths.every((w) => w % c.groups === 0), { message: 'every width must be divisible by groups' });

export type ConditionImageEncoderConfig = z.output<typeof ConditionImageEncoderConfigSchema>;
export type ConditionImageEncoderInput = z.input<typeof ConditionImageEncoderConfigSchema>;

interface Stage {
  conv: Conv2d;
  norm: GroupNorm;
}

export class ConditionImageEncoder extends Module {
  readonly config: Readonly<ConditionImageEncoderConfig>;
  private readonly stages: Stage[];
  private readonly head: Linear;

  constructor(source: RandomSource, input: ConditionImageEncoderInput = {}) {
    super(source);
    const config = Object.freeze(ConditionImageEncoderConfigSchema.parse(input));
    this.config = config;
    const ins = [config.inChannels, ...config.widths];
    this.stages = config.widths.map((width, i) => ({
      // PyTorch-style symmetric padding 1: H -> ceil(H / 2) for stride 2.
      conv: this.addModule(`conv${i}`, (rng) => new Conv2d(rng, { inChannels: ins[i], outChannels: width, kernel: 3, stride: 2, padding: 1 })),
      norm: this.addModule(`norm${i}`, new GroupNorm({ channels: width, groups: config.groups })),
    }));
    const last = config.widths[config.widths.length - 1];
    this.head = this.addModule('head', (rng) => new Linear(rng, { inFeatures: last, outFeatures: config.condDim }));
  }

  get condDim(): number {
    return this.config.condDim;
  }

  /** x0: [B, H, W, inChannels] -> c: [B, condDim]. */
  apply(x0: tf.Tensor4D): tf.Tensor2D {
    if (x0.rank !== 4 || x0.shape[3] !== this.config.inChannels) {
      throw new Error(`${this.label}: expected x0 of shape [B, H, W, ${this.config.inChannels}], got [${x0.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const features = this.stages.reduce((h, { conv, norm }) => silu(norm.apply(conv.apply(h))), x0);
      // Global average pooling over H and W.
      return this.head.apply(tf.mean<tf.Tensor2D>(features, [1, 2]));
    });
  }
}
