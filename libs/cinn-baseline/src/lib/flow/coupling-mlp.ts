// The subnet of an affine coupling (the cINN reference's BasicFullyConnectedNet):
// Linear(in, h1) -> LeakyReLU -> ... -> Linear(h_k, out) [-> tanh for the scale net].
// The last layer starts at zero (Glow, Kingma & Dhariwal 2018, sec. 3.3) so that a fresh coupling
// is the identity; the reference keeps PyTorch's default init there.
import { tf, zeros, type RandomSource } from '@lddm/runtime';
import { Layer, leakyRelu, Linear } from '@lddm/nn';

export interface CouplingMlpOptions {
  inFeatures: number;
  outFeatures: number;
  /** Hidden widths (reference: [512, 512, 512]). */
  hidden: readonly number[];
  /** LeakyReLU negative slope between layers (reference: 0.01). */
  slope: number;
  /** Bound the output with tanh (reference: the scale net s, use_tanh=True). */
  tanh: boolean;
}

export class CouplingMlp extends Layer<tf.Tensor2D, tf.Tensor2D> {
  readonly layers: Linear[];
  private readonly slope: number;
  private readonly bounded: boolean;

  constructor(source: RandomSource, options: CouplingMlpOptions) {
    super(source);
    if (options.hidden.length === 0) throw new Error(`${this.label}: at least one hidden layer is needed`);
    const widths = [options.inFeatures, ...options.hidden, options.outFeatures];
    const last = widths.length - 2;
    this.layers = widths.slice(0, -1).map((inFeatures, i) =>
      this.addModule(`linear${i}`, (rng) =>
        new Linear(rng, { inFeatures, outFeatures: widths[i + 1], ...(i === last ? { weightInit: (shape: number[]) => zeros(shape) } : {}) }),
      ),
    );
    this.slope = options.slope;
    this.bounded = options.tanh;
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let h = x;
      this.layers.forEach((layer, i) => {
        h = layer.apply(h);
        if (i < this.layers.length - 1) h = leakyRelu(h, this.slope);
      });
      return this.bounded ? tf.tanh(h) : h;
    });
  }
}
