// Batch normalisation over the channel (last) axis (Ioffe & Szegedy 2015, alg. 1), with PyTorch's
// names (weight, bias, running_mean, running_var) so converted checkpoints load by name. Training
// normalises with batch statistics and updates the running ones (unbiased variance, as PyTorch);
// eval uses the running statistics, as pretrained feature extractors run.
import { ones, tf, zeros } from '@lddm/runtime';
import { Module } from '@lddm/nn';

export interface BatchNormOptions {
  channels: number;
  /** pytorch-i3d: 1e-3 (TensorFlow's default), torch's default is 1e-5. */
  eps?: number;
  /** Weight of the new batch in the running statistics (pytorch-i3d: 0.01). */
  momentum?: number;
}

export class BatchNorm extends Module {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVar: tf.Variable;
  readonly channels: number;
  private readonly eps: number;
  private readonly momentum: number;

  constructor(options: BatchNormOptions) {
    super();
    this.channels = options.channels;
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    this.weight = this.addParameter('weight', ones([options.channels]));
    this.bias = this.addParameter('bias', zeros([options.channels]));
    this.runningMean = this.addBuffer('running_mean', zeros([options.channels]));
    this.runningVar = this.addBuffer('running_var', ones([options.channels]));
  }

  apply<T extends tf.Tensor>(x: T): T {
    if (x.shape[x.rank - 1] !== this.channels) {
      throw new Error(`${this.label}: expected ${this.channels} channels on the last axis, got shape [${x.shape.join(', ')}]`);
    }
    const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
    if (!this.training) {
      return tf.tidy(() => tf.batchNorm(x, this.runningMean, this.runningVar, this.bias, this.weight, this.eps) as T);
    }
    const { mean, variance } = tf.moments(x, axes);
    const count = x.size / this.channels;
    // Running statistics are state: variable assignment is not recorded on the gradient tape.
    tf.tidy(() => {
      const m = this.momentum;
      const unbiased = tf.mul(variance, count / Math.max(count - 1, 1));
      this.runningMean.assign(tf.add(tf.mul(this.runningMean, 1 - m), tf.mul(mean, m)));
      this.runningVar.assign(tf.add(tf.mul(this.runningVar, 1 - m), tf.mul(unbiased, m)));
    });
    // Written out rather than tf.batchNorm: tfjs's batchNorm gradient reshapes to rank 4 and fails
    // on the [N, T, H, W, C] maps of I3D. y = (x - mu) / sqrt(var + eps) * gamma + beta (alg. 1).
    const y = tf.tidy(() => tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.eps))), this.weight), this.bias) as T);
    tf.dispose([mean, variance]);
    return y;
  }
}
