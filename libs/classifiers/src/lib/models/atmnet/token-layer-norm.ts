// LayerNorm over the channels of every token (PyTorch nn.LayerNorm(dim) on [B, H, W, C]), as the
// Active Token Mixer blocks normalise; learned gamma (1) and beta (0), eps 1e-5.
import { Module } from '@lddm/nn';
import { ones, tf, zeros } from '@lddm/runtime';

export class TokenLayerNorm extends Module {
  readonly channels: number;
  private readonly gamma: tf.Variable;
  private readonly beta: tf.Variable;

  constructor(channels: number, private readonly eps = 1e-5) {
    super();
    this.channels = channels;
    this.gamma = this.addParameter('gamma', ones([channels]));
    this.beta = this.addParameter('beta', zeros([channels]));
  }

  apply<T extends tf.Tensor>(x: T): T {
    if (x.shape[x.rank - 1] !== this.channels) throw new Error(`${this.label}: expected ${this.channels} channels last, got [${x.shape.join(', ')}]`);
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true);
      const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.eps)));
      return tf.add<T>(tf.mul(normed, this.gamma), this.beta);
    });
  }
}
