// Group normalisation (Wu & He 2018) over channels-last [N, H, W, C] or [N, D, H, W, C]:
// statistics per sample and per group of C/G channels over all spatial positions.
// InstanceNorm is G = C; LayerNorm over (space, channels) is G = 1.
import { ones, tf, zeros } from '@lddm/runtime';
import { checkPositiveInt } from './checks';
import { Module } from './module';

export interface GroupNormOptions {
  channels: number;
  groups: number;
  /** Added to the variance, as PyTorch (1e-5). */
  eps?: number;
  /** Learned per-channel gamma (1) and beta (0); default true. */
  affine?: boolean;
}

export class GroupNorm extends Module {
  readonly channels: number;
  readonly groups: number;
  readonly eps: number;
  readonly gamma: tf.Variable | undefined;
  readonly beta: tf.Variable | undefined;

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
    const affine = options.affine ?? true;
    this.gamma = affine ? this.addParameter('gamma', ones([options.channels])) : undefined;
    this.beta = affine ? this.addParameter('beta', zeros([options.channels])) : undefined;
  }

  apply<T extends tf.Tensor4D | tf.Tensor5D>(x: T): T {
    if ((x.rank !== 4 && x.rank !== 5) || x.shape[x.rank - 1] !== this.channels) {
      throw new Error(`${this.label}: expected [N, H, W, ${this.channels}] or [N, D, H, W, ${this.channels}], got [${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const n = x.shape[0];
      const perGroup = this.channels / this.groups;
      const grouped = tf.reshape(x, [n, -1, this.groups, perGroup]);
      const { mean, variance } = tf.moments(grouped, [1, 3], true);
      // y = (x - mean) / sqrt(var + eps) * gamma + beta, folded into one scale and one shift per
      // (sample, channel) so that the full-size tensor sees a single multiply and add.
      const toChannels = (s: tf.Tensor): tf.Tensor => {
        const perChannel = tf.reshape(tf.tile(s, [1, 1, 1, perGroup]), [n, this.channels]);
        return tf.reshape(perChannel, [n, ...Array.from({ length: x.rank - 2 }, () => 1), this.channels]);
      };
      let scale = tf.rsqrt(tf.add(variance, this.eps));
      let shift = tf.neg(tf.mul(mean, scale));
      scale = toChannels(scale);
      shift = toChannels(shift);
      if (this.gamma !== undefined && this.beta !== undefined) {
        shift = tf.add(tf.mul(shift, this.gamma), this.beta);
        scale = tf.mul(scale, this.gamma);
      }
      return tf.add<T>(tf.mul(x, scale), shift);
    });
  }
}

/** InstanceNorm (Ulyanov et al. 2016): GroupNorm with one channel per group. */
export function instanceNorm(channels: number, options: { eps?: number; affine?: boolean } = {}): GroupNorm {
  return new GroupNorm({ channels, groups: channels, ...options });
}
