// The transformer MLP on tokens [B, H, W, C]: fc -> GELU -> fc, Linear weights drawn from a
// truncated normal with std 0.02 as the reference's _init_weights.
import { gelu, Linear, Module } from '@lddm/nn';
import { tf, truncatedNormal, type RandomSource } from '@lddm/runtime';

export const tokenLinearInit = (shape: number[], rng: Parameters<typeof truncatedNormal>[1]) => truncatedNormal(shape, rng, { std: 0.02 });

/** Linear over the last axis of a tensor of any rank. */
export function applyToTokens(layer: Linear, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const flat = tf.reshape<tf.Rank.R2>(x, [-1, x.shape[x.rank - 1]]);
    return tf.reshape(layer.apply(flat), [...x.shape.slice(0, -1), layer.outFeatures]);
  });
}

export class TokenMlp extends Module {
  private readonly fc1: Linear;
  private readonly fc2: Linear;

  constructor(source: RandomSource, options: { inFeatures: number; hidden: number; outFeatures: number }) {
    super(source);
    this.fc1 = this.addModule('fc1', (rng) => new Linear(rng, { inFeatures: options.inFeatures, outFeatures: options.hidden, weightInit: tokenLinearInit }));
    this.fc2 = this.addModule('fc2', (rng) => new Linear(rng, { inFeatures: options.hidden, outFeatures: options.outFeatures, weightInit: tokenLinearInit }));
  }

  apply<T extends tf.Tensor>(x: T): T {
    return tf.tidy(() => applyToTokens(this.fc2, gelu(applyToTokens(this.fc1, x))) as T);
  }
}
