// Spectral normalisation (Miyato et al. 2018, Algorithm 1): W_SN = W / sigma(W), sigma estimated
// by power iteration on W reshaped to a matrix M = [rest, out] (tfjs keeps out on the last axis;
// PyTorch's [out, rest] is its transpose, with the same singular values).
// u (length out) and v (length rest) persist as buffers; each training forward does
// `powerIterations` steps v <- Mu/|Mu|, u <- M^T v/|M^T v|, and sigma = v^T M u with u, v held
// constant, so the gradient flows through sigma into W as in the paper. Eval reuses u and v.
import { tf } from '@lddm/runtime';
import { Layer, WeightedLayer } from './layer';
import type { Build } from './module';
import type { RandomSource } from '@lddm/runtime';

export interface SpectralNormOptions {
  /** Power-iteration steps per training forward (Miyato et al.: 1). */
  powerIterations?: number;
  /** Steps at construction, so sigma is already accurate at the first forward (PyTorch: 15). */
  initialIterations?: number;
  eps?: number;
}

export class SpectralNorm<I extends tf.Tensor, O extends tf.Tensor> extends Layer<I, O> {
  readonly layer: WeightedLayer<I, O>;
  private readonly u: tf.Variable;
  private readonly v: tf.Variable;
  private readonly powerIterations: number;
  private readonly eps: number;

  constructor(source: RandomSource, build: Build<WeightedLayer<I, O>>, options: SpectralNormOptions = {}) {
    super(source);
    this.layer = this.addModule('layer', build);
    this.powerIterations = options.powerIterations ?? 1;
    this.eps = options.eps ?? 1e-12;
    const shape = this.layer.weight.shape;
    const out = shape[shape.length - 1];
    const rest = this.layer.weight.size / out;
    this.u = this.addBuffer('u', (rng) => normalise(tf.tensor1d(Array.from({ length: out }, () => rng.normal())), this.eps));
    this.v = this.addBuffer('v', (rng) => normalise(tf.tensor1d(Array.from({ length: rest }, () => rng.normal())), this.eps));
    this.powerIterate(options.initialIterations ?? 15);
  }

  apply(x: I): O {
    if (this.training) this.powerIterate(this.powerIterations);
    return tf.tidy(() => this.layer.applyWith(x, this.normalisedWeight()));
  }

  /** W / sigma with the current u, v (no update). */
  normalisedWeight(): tf.Tensor {
    return tf.tidy(() => tf.div(this.layer.weight, this.sigmaTensor()));
  }

  /** The current estimate of sigma(W) = v^T M u. */
  sigma(): number {
    return tf.tidy(() => this.sigmaTensor().dataSync()[0]);
  }

  private sigmaTensor(): tf.Scalar {
    const mu = tf.matMul(this.matrix(), tf.reshape<tf.Rank.R2>(this.u, [-1, 1]));
    return tf.sum(tf.mul(tf.reshape(mu, [-1]), this.v));
  }

  private matrix(): tf.Tensor2D {
    const out = this.layer.weight.shape[this.layer.weight.rank - 1];
    return tf.reshape<tf.Rank.R2>(this.layer.weight, [-1, out]);
  }

  private powerIterate(steps: number): void {
    if (steps <= 0) return;
    tf.tidy(() => {
      const m = this.matrix();
      let u = tf.reshape<tf.Rank.R1>(this.u, [-1]);
      let v = tf.reshape<tf.Rank.R1>(this.v, [-1]);
      for (let i = 0; i < steps; i++) {
        v = normalise(tf.squeeze(tf.matMul(m, tf.expandDims(u, 1)), [1]), this.eps);
        u = normalise(tf.squeeze(tf.matMul(tf.expandDims(v, 0), m), [0]), this.eps);
      }
      this.u.assign(u);
      this.v.assign(v);
    });
  }
}

function normalise(x: tf.Tensor1D, eps: number): tf.Tensor1D {
  return tf.div(x, tf.add(tf.norm(x), eps));
}
