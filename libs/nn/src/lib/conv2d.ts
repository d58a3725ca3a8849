// 2D convolution, channels-last (NHWC) as tfjs computes it; weight [kh, kw, in, out].
import { heNormal, tf, zeros, type RandomSource } from '@lddm/runtime';
import { checkInput, checkPositiveInt, perAxis } from './checks';
import { WeightedLayer, type WeightInit } from './layer';
import { resolvePadding, type Padding, type ResolvedPadding } from './padding';

export interface Conv2dOptions {
  inChannels: number;
  outChannels: number;
  kernel: number | readonly [number, number];
  stride?: number | readonly [number, number];
  /** Default 'valid' (PyTorch's padding = 0). */
  padding?: Padding;
  bias?: boolean;
  /** Default He normal (He et al. 2015), for layers followed by a ReLU. */
  weightInit?: WeightInit;
}

export class Conv2d extends WeightedLayer<tf.Tensor4D, tf.Tensor4D> {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;
  /** As a tuple, so the forward reshapes the (possibly substituted) weight to a typed tensor. */
  private readonly weightShape: [number, number, number, number];
  readonly inChannels: number;
  readonly outChannels: number;
  private readonly stride: [number, number];
  private readonly pad: ResolvedPadding;

  constructor(source: RandomSource, options: Conv2dOptions) {
    super(source);
    checkPositiveInt(this.label, 'inChannels', options.inChannels);
    checkPositiveInt(this.label, 'outChannels', options.outChannels);
    const [kh, kw] = perAxis(this.label, 'kernel', options.kernel, 2);
    const [sh, sw] = perAxis(this.label, 'stride', options.stride ?? 1, 2);
    if (kh * kw * sh * sw === 0) throw new Error(`${this.label}: kernel and stride must be positive`);
    this.inChannels = options.inChannels;
    this.outChannels = options.outChannels;
    this.stride = [sh, sw];
    this.pad = resolvePadding(this.label, options.padding ?? 'valid', 2);
    const init = options.weightInit ?? heNormal;
    this.weightShape = [kh, kw, options.inChannels, options.outChannels];
    this.weight = this.addParameter('weight', (rng) => init([...this.weightShape], rng));
    this.bias = options.bias === false ? undefined : this.addParameter('bias', zeros([options.outChannels]));
  }

  applyWith(x: tf.Tensor4D, weight: tf.Tensor): tf.Tensor4D {
    checkInput(this.label, x, 4, '[N, H, W, C]', this.inChannels);
    return tf.tidy(() => {
      const filter = tf.reshape<tf.Rank.R4>(weight, this.weightShape);
      // Explicit padding goes into the conv (its kernels pad in place) rather than a separate
      // tf.pad copy: same values, PyTorch's symmetric zero padding.
      const [ph, pw] = this.pad.explicit;
      const pad = ph === 0 && pw === 0 ? this.pad.mode : ([[0, 0], [ph, ph], [pw, pw], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]]);
      const y = tf.conv2d(x, filter, this.stride, pad);
      return this.bias === undefined ? y : tf.add<tf.Tensor4D>(y, this.bias);
    });
  }
}
