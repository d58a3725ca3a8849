// Group normalisation (Wu & He 2018) over channels-last [N, H, W, C] or [N, D, H, W, C]:
// statistics per sample and per group of C/G channels over all spatial positions.
// InstanceNorm is G = C; LayerNorm over (space, channels) is G = 1. The maths is
// @lddm/runtime's groupNorm (fused kernels on wasm).
import { groupNorm, ones, tf, zeros } from '@lddm/runtime';
import { checkPositiveInt } from './checks';
import { Module } from './module';

export interface GroupNormOptions {
  channels: number;
  groups: number;
  /** Added to the variance, as PyTorch (1e-5). */
  eps?: number;
  /** Learned per-channel gamma (1) and beta (0); default true. */
  affine?: boolean;
  /**
   * One fused kernel forward and one backward on wasm (default true). false composes tfjs ops,
   * whose gradient is itself differentiable: needed where a gradient of a gradient passes
   * through the norm (the R1 penalty through a discriminator).
   */
  fused?: boolean;
}

export class GroupNorm extends Module {
  readonly channels: number;
  readonly groups: number;
  readonly eps: number;
  readonly gamma: tf.Variable | undefined;
  readonly beta: tf.Variable | undefined;
  readonly fused: boolean;

  constructor(options: GroupNormOptions) {
    super();
    checkPositiveInt(this.label, 'channels', options.channels);
    checkPositiveInt(this.label, 'groups', options.groups);
    if (options.channels % options.groups !== 0) {
      throw new Error(`${this.label}: channels (${options.channels}) must be divisible by groups (${options.groups})`);
    }
    this.channels = options.channels;
    this.groups = options.groups;
    this.eps = options.eps ?? 1e-5;
    this.fused = options.fused ?? true;
    const affine = options.affine ?? true;
    this.gamma = affine ? this.addParameter('gamma', ones([options.channels])) : undefined;
    this.beta = affine ? this.addParameter('beta', zeros([options.channels])) : undefined;
  }

  apply<T extends tf.Tensor4D | tf.Tensor5D>(x: T): T {
    if ((x.rank !== 4 && x.rank !== 5) || x.shape[x.rank - 1] !== this.channels) {
      throw new Error(`${this.label}: expected [N, H, W, ${this.channels}] or [N, D, H, W, ${this.channels}], got [${x.shape.join(', ')}]`);
    }
    return groupNorm(x, { groups: this.groups, eps: this.eps, gamma: this.gamma as tf.Tensor1D | undefined, beta: this.beta as tf.Tensor1D | undefined, fused: this.fused });
  }
}

/** InstanceNorm (Ulyanov et al. 2016): GroupNorm with one channel per group. */
export function instanceNorm(channels: number, options: { eps?: number; affine?: boolean } = {}): GroupNorm {
  return new GroupNorm({ channels, groups: channels, ...options });
}
