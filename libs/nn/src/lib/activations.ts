// Pointwise activations, rank-preserving, plus a parameter-free module wrapping one for Sequential.
import { tf } from '@lddm/runtime';
import { Module } from './module';

export const relu = <T extends tf.Tensor>(x: T): T => tf.relu(x);

export const leakyRelu = <T extends tf.Tensor>(x: T, alpha = 0.01): T => tf.leakyRelu(x, alpha);

export const tanh = <T extends tf.Tensor>(x: T): T => tf.tanh(x);

/** SiLU / swish (Elfwing et al. 2018): x * sigmoid(x). */
export const silu = <T extends tf.Tensor>(x: T): T => tf.tidy(() => tf.mul<T>(x, tf.sigmoid(x)));

/** GELU (Hendrycks & Gimpel 2016), exact form 0.5 x (1 + erf(x / sqrt 2)), PyTorch's default. */
export const gelu = <T extends tf.Tensor>(x: T): T =>
  tf.tidy(() => tf.mul<T>(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)));

export type ActivationFn = <T extends tf.Tensor>(x: T) => T;

/** An activation as a module, e.g. `() => new Activation(relu)` in a Sequential. */
export class Activation extends Module {
  constructor(private readonly fn: ActivationFn) {
    super();
  }

  apply<T extends tf.Tensor>(x: T): T {
    return this.fn(x);
  }
}
