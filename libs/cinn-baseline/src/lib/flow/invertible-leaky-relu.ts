// Invertible leaky ReLU between flow blocks (the cINN reference's InvLeakyRelu, alpha 0.9):
// y = x for x >= 0, alpha x for x < 0; inverse y / alpha for y < 0 (alpha > 0 keeps the sign).
// Its Jacobian is diagonal, so log|det| = (number of negative entries) * log(alpha).
// The reference returns 0 for the log-det, which biases its NLL; `logdet: true` (our default)
// adds the correct value, `logdet: false` reproduces the reference. The choice lives in the flow's
// saved config (`leakyLogdet`).
import { tf } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import { checkFlowInput, type FlowBlock, type FlowOutput } from './flow-block';

export interface InvertibleLeakyReluOptions {
  dim: number;
  /** Negative slope; must be positive. Reference: 0.9. */
  alpha?: number;
  /** Add the true log|det| (true, default) or 0 as the reference does (false). */
  logdet?: boolean;
}

export class InvertibleLeakyRelu extends Module implements FlowBlock {
  readonly dim: number;
  readonly alpha: number;
  readonly addsLogdet: boolean;

  constructor(options: InvertibleLeakyReluOptions) {
    super();
    this.dim = options.dim;
    this.alpha = options.alpha ?? 0.9;
    this.addsLogdet = options.logdet ?? true;
    if (!(this.alpha > 0)) throw new Error(`${this.label}: alpha must be positive to be invertible, got ${this.alpha}`);
  }

  forward(x: tf.Tensor2D, cond: tf.Tensor2D): FlowOutput {
    checkFlowInput(this.label, x, cond, this.dim);
    return tf.tidy(() => {
      const y = tf.leakyRelu(x, this.alpha);
      if (!this.addsLogdet) return { y, logdet: tf.zeros<tf.Rank.R1>([x.shape[0]]) };
      // step(-x) = 1 where x < 0, 0 elsewhere; piecewise constant, so its gradient is 0 (as it
      // should be), and unlike a cast comparison it has a gradient kernel.
      const negatives = tf.sum<tf.Tensor1D>(tf.step(tf.neg(x)), 1);
      return { y, logdet: tf.mul<tf.Tensor1D>(negatives, Math.log(this.alpha)) };
    });
  }

  inverse(y: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    checkFlowInput(this.label, y, cond, this.dim);
    return tf.tidy(() => tf.leakyRelu(y, 1 / this.alpha));
  }
}
