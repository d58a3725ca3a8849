// PEG, the positional encoding generator (Chu et al. 2021, CPVT) that ActiveMLP runs before every
// block that predicts new offsets: x + depthwise conv3x3(x) (pad 1, bias).
// The depthwise conv is written as nine shifted copies weighted per channel, because the wasm
// backend has no gradient kernels for depthwise convolution; the result is the same.
import { Module } from '@lddm/nn';
import { heNormal, tf, zeros, type RandomSource } from '@lddm/runtime';

export class PositionEncoding extends Module {
  readonly channels: number;
  /** [3, 3, C]: one 3x3 kernel per channel. */
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(source: RandomSource, channels: number) {
    super(source);
    this.channels = channels;
    // Reference init N(0, 2 / fan_out), fan_out = 3 * 3 * C / groups = 9: He normal of a [3, 3, 1, C] kernel.
    this.weight = this.addParameter('weight', (rng) => tf.reshape(heNormal([3, 3, 1, channels], rng), [3, 3, channels]));
    this.bias = this.addParameter('bias', zeros([channels]));
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    const [, h, w, c] = x.shape;
    if (c !== this.channels) throw new Error(`${this.label}: expected ${this.channels} channels, got [${x.shape.join(', ')}]`);
    return tf.tidy(() => {
      const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
      const taps: tf.Tensor[] = [];
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const k = tf.reshape(tf.slice(this.weight, [i, j, 0], [1, 1, c]), [c]);
          taps.push(tf.mul(tf.slice(padded, [0, i, j, 0], [-1, h, w, c]), k));
        }
      }
      return tf.add<tf.Tensor4D>(x, tf.add(tf.addN(taps), this.bias));
    });
  }
}
