// Frame PatchGAN discriminator (Isola et al. 2017, pix2pix's NLayerDiscriminator), the spatial
// adversary of the cINN reference's stage 1 (docs/method.md "Stage 1", Loss): on single frames
// [N, H, W, C], conv 4x4 stride 2 (nf, 2nf, 4nf, ... capped at 8nf) with LeakyReLU(0.2), then a
// stride-1 4x4 conv and a stride-1 4x4 conv to one channel: a map of patch logits. Every conv is
// spectral-normalised (Miyato et al. 2018) instead of pix2pix's BatchNorm, as with R1.
import type { DeepReadonly, Stage1Config } from '@lddm/config';
import { tf, type Rng } from '@lddm/runtime';
import { Conv2d, Layer, leakyRelu, Module, SpectralNorm } from '@lddm/nn';

/** pix2pix's 3 stride-2 convs (receptive field 70 px), fewer where the frames are too small for them. */
const MAX_DOWNSAMPLINGS = 3;

/** The resolved network (serialise it with the run). */
export interface FramePatchDiscriminatorConfig {
  inChannels: number;
  /** Width of the first conv: the profile's lddm.stage1.adversarial.spatialWidth. */
  nf: number;
  /** Stride-2 convs: at most MAX_DOWNSAMPLINGS, and at least 1, such that size / 2^d stays at least 4 px. */
  downsamplings: number;
}

/** Logits and the hidden activations (for feature matching). */
export interface DiscriminatorOutput {
  logits: tf.Tensor;
  features: tf.Tensor[];
}

export class FramePatchDiscriminator extends Module {
  readonly config: Readonly<FramePatchDiscriminatorConfig>;
  private readonly convs: Array<Layer<tf.Tensor4D, tf.Tensor4D>>;

  /** `adversarial`: the profile's lddm.stage1.adversarial; `frames`: the channels and side of the frames it judges. */
  constructor(rng: Rng, adversarial: DeepReadonly<Pick<Stage1Config['adversarial'], 'spatialWidth'>>, frames: { channels: number; size: number }) {
    super(rng);
    const downsamplings = Math.max(1, Math.min(MAX_DOWNSAMPLINGS, Math.floor(Math.log2(frames.size / 4))));
    const config = Object.freeze({ inChannels: frames.channels, nf: adversarial.spatialWidth, downsamplings });
    this.config = config;
    const widths = [config.inChannels];
    for (let i = 0; i <= config.downsamplings; i++) widths.push(config.nf * Math.min(2 ** i, 8));
    widths.push(1);
    // downsamplings stride-2 convs, one stride-1 conv, the stride-1 logit conv.
    this.convs = widths.slice(1).map((out, i) => {
      const options = { inChannels: widths[i] ?? 1, outChannels: out, kernel: 4, stride: i < config.downsamplings ? 2 : 1, padding: 1 };
      return this.addModule(`conv${i}`, (r) =>
        new SpectralNorm<tf.Tensor4D, tf.Tensor4D>(r, (rr) => new Conv2d(rr, options)),
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
