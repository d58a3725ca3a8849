// pytorch-i3d's Unit3D (Carreira & Zisserman 2017): conv3d with TensorFlow 'SAME' padding, no
// bias, then batch norm (eps 1e-3, momentum 0.01) and ReLU. The logits layer is the variant with
// a bias and neither norm nor activation. Child names follow pytorch-i3d (conv3d, bn).
import { tf, type Rng } from '@lddm/runtime';
import { Conv3d, Module } from '@lddm/nn';
import { BatchNorm } from './batch-norm';

export interface Unit3dOptions {
  inChannels: number;
  outChannels: number;
  kernel: number | readonly [number, number, number];
  stride?: number | readonly [number, number, number];
  /** Default true; false for the logits layer. */
  batchNorm?: boolean;
  /** Default false; true for the logits layer. */
  bias?: boolean;
  /** Default true (ReLU). */
  activation?: boolean;
}

export class Unit3d extends Module {
  readonly conv3d: Conv3d;
  readonly bn: BatchNorm | undefined;
  private readonly activation: boolean;

  constructor(rng: Rng, options: Unit3dOptions) {
    super(rng);
    this.conv3d = this.addModule(
      'conv3d',
      (r) =>
        new Conv3d(r, {
          inChannels: options.inChannels,
          outChannels: options.outChannels,
          kernel: options.kernel,
          stride: options.stride ?? 1,
          padding: 'same',
          bias: options.bias ?? false,
        }),
    );
    this.bn = options.batchNorm === false ? undefined : this.addModule('bn', new BatchNorm({ channels: options.outChannels, eps: 1e-3, momentum: 0.01 }));
    this.activation = options.activation ?? true;
  }

  apply(x: tf.Tensor5D): tf.Tensor5D {
    return tf.tidy(() => {
      let y = this.conv3d.apply(x);
      if (this.bn !== undefined) y = this.bn.apply(y);
      return this.activation ? tf.relu(y) : y;
    });
  }
}
