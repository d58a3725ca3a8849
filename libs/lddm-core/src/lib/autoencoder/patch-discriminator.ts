// Frame PatchGAN discriminator (Isola et al. 2017, pix2pix's NLayerDiscriminator), the spatial
// adversary of the cINN reference's stage 1 (docs/method.md "Stage 1", Loss): on single frames
// [N, H, W, C], conv 4x4 stride 2 (nf, 2nf, 4nf, ... capped at 8nf) with LeakyReLU(0.2), then a
// stride-1 4x4 conv and a stride-1 4x4 conv to one channel: a map of patch logits. Every conv is
// spectral-normalised (Miyato et al. 2018) instead of pix2pix's BatchNorm, as with R1.
import { tf, type Rng } from '@lddm/runtime';
import { Conv2d, Layer, leakyRelu, Module, SpectralNorm } from '@lddm/nn';
import { z } from 'zod';

const pos = (): z.ZodNumber => z.number().int().min(1);

export const FramePatchDiscriminatorConfigSchema = z.object({
  inChannels: pos().default(1),
  /** Width of the first conv (pix2pix: 64). */
  nf: pos().default(64),
  /** Stride-2 convs (pix2pix: 3, receptive field 70 px). */
  downsamplings: pos().default(3),
  spectralNorm: z.boolean().default(true),
});

export type FramePatchDiscriminatorConfig = z.output<typeof FramePatchDiscriminatorConfigSchema>;
export type FramePatchDiscriminatorInput = z.input<typeof FramePatchDiscriminatorConfigSchema>;

/** Logits and the hidden activations (for feature matching). */
export interface DiscriminatorOutput {
  logits: tf.Tensor;
  features: tf.Tensor[];
}

export class FramePatchDiscriminator extends Module {
  readonly config: Readonly<FramePatchDiscriminatorConfig>;
  private readonly convs: Array<Layer<tf.Tensor4D, tf.Tensor4D>>;

  constructor(rng: Rng, input: FramePatchDiscriminatorInput = {}) {
    super(rng);
    const config = Object.freeze(FramePatchDiscriminatorConfigSchema.parse(input));
    this.config = config;
    const widths = [config.inChannels];
    for (let i = 0; i <= config.downsamplings; i++) widths.push(config.nf * Math.min(2 ** i, 8));
    widths.push(1);
    // downsamplings stride-2 convs, one stride-1 conv, the stride-1 logit conv.
    this.convs = widths.slice(1).map((out, i) => {
      const options = { inChannels: widths[i] ?? 1, outChannels: out, kernel: 4, stride: i < config.downsamplings ? 2 : 1, padding: 1 };
      return this.addModule(`conv${i}`, (r) =>
        config.spectralNorm ? new SpectralNorm<tf.Tensor4D, tf.Tensor4D>(r, (rr) => new Conv2d(rr, options)) : new Conv2d(r, options),
      );
    });
  }

  /** Side of the logit map for an input side n: k 4, pad 1, stride 2 then 1, 1. */
  outputSize(n: number): number {
    let m = n;
    for (let i = 0; i < this.convs.length; i++) m = Math.floor((m + 2 - 4) / (i < this.config.downsamplings ? 2 : 1)) + 1;
    return m;
  }

  /** frames [N, H, W, C] -> patch logits [N, h, w, 1] and the hidden activations. */
  apply(frames: tf.Tensor4D): DiscriminatorOutput {
    const [, h, w] = frames.shape;
    if (this.outputSize(Math.min(h, w)) < 1) throw new Error(`${this.label}: frames ${h}x${w} are too small for ${this.config.downsamplings} downsamplings`);
    return tf.tidy(() => {
      const features: tf.Tensor[] = [];
      let y = frames;
      this.convs.forEach((conv, i) => {
        y = conv.apply(y);
        if (i < this.convs.length - 1) {
          y = leakyRelu(y, 0.2);
          features.push(y);
        }
      });
      return { logits: y, features };
    });
  }
}
