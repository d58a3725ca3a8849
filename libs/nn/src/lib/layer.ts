// A module with one typed input and one output. Modules with several inputs (SPADE(x, x0),
// a denoiser(z_t, t, x0)) extend Module directly and declare their own forward signature.
import type { Rng, tf } from '@lddm/runtime';
import { Module } from './module';

/** Draws a weight of `shape` (tfjs layout) from the stream named after the weight. */
export type WeightInit = (shape: number[], rng: Rng) => tf.Tensor;

export abstract class Layer<I extends tf.Tensor, O extends tf.Tensor> extends Module {
  abstract apply(x: I): O;
}

/**
 * A layer whose forward can run with a substituted weight, so that a wrapper (SpectralNorm) can
 * reparameterise `weight` without the layer knowing. The weight keeps tfjs layout: output
 * channels on the last axis.
 */
export abstract class WeightedLayer<I extends tf.Tensor, O extends tf.Tensor> extends Layer<I, O> {
  abstract readonly weight: tf.Variable;
  abstract applyWith(x: I, weight: tf.Tensor): O;

  apply(x: I): O {
    return this.applyWith(x, this.weight);
  }
}
