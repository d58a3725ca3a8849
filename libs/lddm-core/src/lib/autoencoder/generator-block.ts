// The cINN reference's GeneratorBlock (docs/method.md "Stage 1"), a SPADE residual block (Park et al.
// 2019) whose second normalisation is AdaIN on the video latent z:
//   x  = nearest-upsample(x)                        (the decoder's (t, h, w) step, before the block)
//   dx = conv0(lrelu_0.2(SPADE(x, x0)))
//   dx = conv1(lrelu_0.2(AdaIN(dx, z)))
//   out = shortcut(x) + dx,   shortcut = GN + 1x1x1 conv when the channel count changes, else x.
// conv0, conv1 are 3x3x3 (padding 1); with `spectralNorm` they and the shortcut conv are
// spectral-normalised (Miyato et al. 2018), as SPADE's generator does.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv3d, GroupNorm, Layer, leakyRelu, Module, SpectralNorm, Upsample, type Conv3dOptions } from '@lddm/nn';
import { AdaIn, type DecoderLatent } from './adain';
import { Spade } from './spade';

export interface GeneratorBlockOptions {
  inChannels: number;
  outChannels: number;
  imageChannels: number;
  spadeHidden: number;
  latent: DecoderLatent;
  /** GroupNorm groups of SPADE's norm and of the shortcut; must divide inChannels. */
  groups: number;
  spectralNorm: boolean;
  /** Nearest upsampling factors [t, h, w] applied to x before the block; default [1, 1, 1]. */
  upsample?: readonly [number, number, number];
}

type Conv = Layer<tf.Tensor5D, tf.Tensor5D>;

function conv(source: RandomSource, options: Conv3dOptions, spectral: boolean): Conv {
  if (!spectral) return new Conv3d(source, options);
  return new SpectralNorm<tf.Tensor5D, tf.Tensor5D>(source, (rng) => new Conv3d(rng, options));
}

export class GeneratorBlock extends Module {
  readonly spade: Spade;
  readonly conv0: Conv;
  readonly adain: AdaIn;
  readonly conv1: Conv;
  /** Undefined when the shortcut is the identity (same channel count). */
  readonly shortcut: { norm: GroupNorm; conv: Conv } | undefined;
  readonly upsample: readonly [number, number, number];
  readonly outChannels: number;
  private readonly up: Upsample;

  constructor(source: RandomSource, options: GeneratorBlockOptions) {
    super(source);
    const { inChannels, outChannels, groups, spectralNorm: sn } = options;
    this.outChannels = outChannels;
    this.upsample = options.upsample ?? [1, 1, 1];
    this.up = this.addModule('up', new Upsample(this.upsample));
    this.spade = this.addModule('spade', (rng) => new Spade(rng, { channels: inChannels, imageChannels: options.imageChannels, hidden: options.spadeHidden, groups }));
    this.conv0 = this.addModule('conv0', (rng) => conv(rng, { inChannels, outChannels, kernel: 3, padding: 1 }, sn));
    this.adain = this.addModule('adain', (rng) => new AdaIn(rng, { channels: outChannels, latent: options.latent }));
    this.conv1 = this.addModule('conv1', (rng) => conv(rng, { inChannels: outChannels, outChannels, kernel: 3, padding: 1 }, sn));
    this.shortcut =
      inChannels === outChannels
        ? undefined
        : {
            norm: this.addModule('shortcutNorm', new GroupNorm({ channels: inChannels, groups })),
            conv: this.addModule('shortcutConv', (rng) => conv(rng, { inChannels, outChannels, kernel: 1, bias: false }, sn)),
          };
  }

  /** x [B, T, H, W, Cin], x0 [B, H0, W0, Cimg], z -> [B, T*ut, H*uh, W*uw, Cout]. */
  apply(x: tf.Tensor5D, x0: tf.Tensor4D, z: tf.Tensor): tf.Tensor5D {
    return tf.tidy(() => {
      const xu = this.up.apply(x);
      let dx = this.conv0.apply(leakyRelu(this.spade.apply(xu, x0), 0.2));
      dx = this.conv1.apply(leakyRelu(this.adain.apply(dx, z), 0.2));
      const skip = this.shortcut === undefined ? xu : this.shortcut.conv.apply(this.shortcut.norm.apply(xu));
      return tf.add<tf.Tensor5D>(skip, dx);
    });
  }
}
