// Fully connected layer y = x W + b on [N, in]; weight [in, out] as tfjs dense layers keep it.
import { heNormal, tf, zeros, type RandomSource } from '@lddm/runtime';
import { checkInput, checkPositiveInt } from './checks';
import { WeightedLayer, type WeightInit } from './layer';

export interface LinearOptions {
  inFeatures: number;
  outFeatures: number;
  bias?: boolean;
  /** Default He normal (He et al. 2015). */
  weightInit?: WeightInit;
}

export class Linear extends WeightedLayer<tf.Tensor2D, tf.Tensor2D> {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;
  /** As a tuple, so the forward reshapes the (possibly substituted) weight to a typed tensor. */
  private readonly weightShape: [number, number];
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(source: RandomSource, options: LinearOptions) {
    super(source);
    checkPositiveInt(this.label, 'inFeatures', options.inFeatures);
    checkPositiveInt(this.label, 'outFeatures', options.outFeatures);
    this.inFeatures = options.inFeatures;
    this.outFeatures = options.outFeatures;
    const init = options.weightInit ?? heNormal;
    this.weightShape = [options.inFeatures, options.outFeatures];
    this.weight = this.addParameter('weight', (rng) => init([...this.weightShape], rng));
    this.bias = options.bias === false ? undefined : this.addParameter('bias', zeros([options.outFeatures]));
  }

  applyWith(x: tf.Tensor2D, weight: tf.Tensor): tf.Tensor2D {
    checkInput(this.label, x, 2, '[N, features]', this.inFeatures);
    return tf.tidy(() => {
      const y = tf.matMul<tf.Tensor2D>(x, tf.reshape<tf.Rank.R2>(weight, this.weightShape));
      return this.bias === undefined ? y : tf.add<tf.Tensor2D>(y, this.bias);
    });
  }
}
