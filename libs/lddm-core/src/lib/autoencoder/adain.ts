// AdaIN, adaptive instance normalisation (Huang & Belongie 2017), as the cINN reference's generator
// injects the video latent z (docs/method.md "Stage 1", AdaIN):
//   n = InstanceNorm(x) without affine, statistics per sample and channel over (T, H, W);
//   [gamma, beta] = Linear(z -> 2C);  out = gamma * n + beta.
// Spatio-temporal z [B, T', h, w, c] (the paper's latent; the reference has only vector z): our
// adaptation gives per-position gamma, beta by a 1x1x1 conv3d (c -> 2C) on z resized to the
// feature's (T, H, W) by nearest upsampling. A 1x1x1 conv commutes with nearest upsampling, so the
// conv runs at z's resolution and its output is upsampled: the same values, far fewer operations.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv3d, instanceNorm, Linear, Module, Upsample, type GroupNorm } from '@lddm/nn';

/** The decoder-side description of z: a vector, or a [T', h, w, channels] grid. */
export type DecoderLatent = { kind: 'vector'; zDim: number } | { kind: 'spatiotemporal'; channels: number; shape: readonly [number, number, number] };

export interface AdaInOptions {
  channels: number;
  latent: DecoderLatent;
}

export class AdaIn extends Module {
  readonly norm: GroupNorm;
  readonly linear: Linear | undefined;
  readonly conv: Conv3d | undefined;
  readonly channels: number;
  private readonly latent: DecoderLatent;

  constructor(source: RandomSource, options: AdaInOptions) {
    super(source);
    const { channels, latent } = options;
    this.channels = channels;
    this.latent = latent;
    this.norm = this.addModule('norm', instanceNorm(channels, { affine: false }));
    if (latent.kind === 'vector') {
      this.linear = this.addModule('linear', (rng) => new Linear(rng, { inFeatures: latent.zDim, outFeatures: 2 * channels }));
    } else {
      this.conv = this.addModule('conv', (rng) => new Conv3d(rng, { inChannels: latent.channels, outChannels: 2 * channels, kernel: 1 }));
    }
  }

  /** x [B, T, H, W, C], z [B, zDim] or [B, T', h, w, c] -> [B, T, H, W, C]. */
  apply(x: tf.Tensor5D, z: tf.Tensor): tf.Tensor5D {
    const c = this.channels;
    return tf.tidy(() => {
      const n = this.norm.apply(x);
      const style = this.style(x.shape, z);
      const [gamma, beta] = tf.split(style, [c, c], -1);
      return tf.add<tf.Tensor5D>(tf.mul(gamma, n), beta);
    });
  }

  /** [gamma | beta] broadcastable to x: [B, 1, 1, 1, 2C] or [B, T, H, W, 2C]. */
  private style(shape: number[], z: tf.Tensor): tf.Tensor {
    const [b, t, h, w] = shape;
    if (this.linear !== undefined) {
      if (z.rank !== 2 || z.shape[0] !== b) throw new Error(`${this.label}: expected z [${b}, zDim], got [${z.shape.join(', ')}]`);
      return tf.reshape(this.linear.apply(z as tf.Tensor2D), [b, 1, 1, 1, 2 * this.channels]);
    }
    if (this.conv === undefined || this.latent.kind !== 'spatiotemporal') throw new Error(`${this.label}: no style head`);
    const [zt, zh, zw] = z.shape.slice(1);
    if (z.rank !== 5 || z.shape[0] !== b || t % zt !== 0 || h % zh !== 0 || w % zw !== 0) {
      throw new Error(`${this.label}: z [${z.shape.join(', ')}] must be [${b}, T', h, w, c] with (T', h, w) dividing the feature's (${t}, ${h}, ${w})`);
    }
    return new Upsample([t / zt, h / zh, w / zw]).apply(this.conv.apply(z as tf.Tensor5D));
  }
}
