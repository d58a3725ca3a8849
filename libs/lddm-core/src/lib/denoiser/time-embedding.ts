// The timestep embedding of DDPM denoisers (Ho et al. 2020, appendix B; diffusers'
// TimestepEmbedding): sinusoidalEmbedding(t, frequencyDim) -> Linear -> SiLU -> Linear.
import { tf, type RandomSource } from '@lddm/runtime';
import { Linear, Module, silu, sinusoidalEmbedding } from '@lddm/nn';

export interface TimeEmbeddingOptions {
  /** Width of the sinusoidal features (even, >= 2). */
  frequencyDim: number;
  /** Width of the learned embedding. */
  dim: number;
}

export class TimeEmbedding extends Module {
  readonly frequencyDim: number;
  readonly dim: number;
  private readonly linear1: Linear;
  private readonly linear2: Linear;

  constructor(source: RandomSource, options: TimeEmbeddingOptions) {
    super(source);
    this.frequencyDim = options.frequencyDim;
    this.dim = options.dim;
    this.linear1 = this.addModule('linear1', (rng) => new Linear(rng, { inFeatures: options.frequencyDim, outFeatures: options.dim }));
    this.linear2 = this.addModule('linear2', (rng) => new Linear(rng, { inFeatures: options.dim, outFeatures: options.dim }));
  }

  /** t: [B] timesteps (int32, the paper's 1..T) -> [B, dim]. */
  apply(t: tf.Tensor1D): tf.Tensor2D {
    if (t.rank !== 1) throw new Error(`${this.label}: expected t of shape [B], got [${t.shape.join(', ')}]`);
    return tf.tidy(() => this.linear2.apply(silu(this.linear1.apply(sinusoidalEmbedding(t, this.frequencyDim)))));
  }
}
