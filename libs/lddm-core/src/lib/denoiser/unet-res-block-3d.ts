// One residual block of the 3D U-Net denoiser: ADM's ResBlock with use_scale_shift_norm
// (Dhariwal & Nichol 2021, guided_diffusion/unet.py), its convolutions made 3x3x3:
//   h = Conv1(SiLU(GN1(x)))
//   [gamma, beta] = Linear_e(e)                        (e = SiLU([time emb || cond emb]))
//   h = Conv2(Dropout(SiLU(GN2(h) * (1 + gamma) + beta)))   (FiLM, "AdaGN")
//   out = skip(x) + h,  skip = 1x1x1 conv when channels change, Conv2 zero-initialised
// so that a fresh block is skip(x) (ADM's zero_module).
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv3d, Dropout, GroupNorm, Linear, Module, silu } from '@lddm/nn';
import { zeroInit } from './film-residual-block';

export interface UNetResBlock3dOptions {
  inChannels: number;
  outChannels: number;
  /** Width of the (already SiLU-activated) embedding e. */
  embDim: number;
  /** GroupNorm groups; must divide inChannels and outChannels. */
  normGroups: number;
  /** Dropout rate before the last conv, active in training mode only: the profile's denoiser.dropout. */
  dropout: number;
}

export class UNetResBlock3D extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly embDim: number;
  private readonly norm1: GroupNorm;
  private readonly conv1: Conv3d;
  private readonly film: Linear;
  private readonly norm2: GroupNorm;
  private readonly dropout: Dropout;
  private readonly conv2: Conv3d;
  private readonly skip: Conv3d | undefined;

  constructor(source: RandomSource, options: UNetResBlock3dOptions) {
    super(source);
    const { inChannels, outChannels, embDim, normGroups } = options;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.embDim = embDim;
    this.norm1 = this.addModule('norm1', new GroupNorm({ channels: inChannels, groups: normGroups }));
    this.conv1 = this.addModule('conv1', (rng) => new Conv3d(rng, { inChannels, outChannels, kernel: 3, padding: 1 }));
    this.film = this.addModule('film', (rng) => new Linear(rng, { inFeatures: embDim, outFeatures: 2 * outChannels }));
    this.norm2 = this.addModule('norm2', new GroupNorm({ channels: outChannels, groups: normGroups }));
    this.dropout = this.addModule('dropout', (rng) => new Dropout(rng, options.dropout));
    this.conv2 = this.addModule('conv2', (rng) => new Conv3d(rng, { inChannels: outChannels, outChannels, kernel: 3, padding: 1, weightInit: zeroInit }));
    this.skip = inChannels === outChannels ? undefined : this.addModule('skip', (rng) => new Conv3d(rng, { inChannels, outChannels, kernel: 1 }));
  }

  /** x: [B, D, H, W, inChannels], e: [B, embDim] -> [B, D, H, W, outChannels]. */
  apply(x: tf.Tensor5D, e: tf.Tensor2D): tf.Tensor5D {
    if (x.rank !== 5 || x.shape[4] !== this.inChannels) {
      throw new Error(`${this.label}: expected x of shape [B, D, H, W, ${this.inChannels}], got [${x.shape.join(', ')}]`);
    }
    const b = x.shape[0];
    if (e.rank !== 2 || e.shape[0] !== b || e.shape[1] !== this.embDim) {
      throw new Error(`${this.label}: expected e of shape [${b}, ${this.embDim}], got [${e.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const h = this.conv1.apply(silu(this.norm1.apply(x)));
      const [gamma, beta] = tf.split<tf.Tensor2D>(this.film.apply(e), 2, 1).map((v) => tf.reshape<tf.Rank.R5>(v, [b, 1, 1, 1, this.outChannels]));
      const modulated = silu(tf.add<tf.Tensor5D>(tf.mul(this.norm2.apply(h), tf.add(gamma, 1)), beta));
      const residual = this.conv2.apply(this.dropout.apply(modulated));
      return tf.add<tf.Tensor5D>(this.skip === undefined ? x : this.skip.apply(x), residual);
    });
  }
}
