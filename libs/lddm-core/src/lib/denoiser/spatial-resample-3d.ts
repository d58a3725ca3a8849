// The U-Net's resolution changes, in space only: the latent's time axis T' is short (1 or 2), so
// every level keeps it (as video U-Nets with (1, 2, 2) strides do). ADM's Downsample / Upsample
// with use_conv = True, made 3D:
//   down: conv3d k 3, stride (1, 2, 2), padding 1       (h -> ceil(h / 2); used for even h only)
//   up:   nearest x (1, 2, 2), then conv3d k 3, padding 1
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv3d, Module, Upsample } from '@lddm/nn';

export class SpatialDownsample3D extends Module {
  readonly channels: number;
  private readonly conv: Conv3d;

  constructor(source: RandomSource, channels: number) {
    super(source);
    this.channels = channels;
    this.conv = this.addModule('conv', (rng) => new Conv3d(rng, { inChannels: channels, outChannels: channels, kernel: 3, stride: [1, 2, 2], padding: 1 }));
  }

  /** [B, D, H, W, C] -> [B, D, ceil(H / 2), ceil(W / 2), C]. */
  apply(x: tf.Tensor5D): tf.Tensor5D {
    return this.conv.apply(x);
  }
}

export class SpatialUpsample3D extends Module {
  readonly channels: number;
  private readonly upsample: Upsample;
  private readonly conv: Conv3d;

  constructor(source: RandomSource, channels: number) {
    super(source);
    this.channels = channels;
    this.upsample = this.addModule('upsample', new Upsample([1, 2, 2]));
    this.conv = this.addModule('conv', (rng) => new Conv3d(rng, { inChannels: channels, outChannels: channels, kernel: 3, padding: 1 }));
  }

  /** [B, D, H, W, C] -> [B, D, 2H, 2W, C]. */
  apply(x: tf.Tensor5D): tf.Tensor5D {
    return tf.tidy(() => this.conv.apply(this.upsample.apply(x)));
  }
}
