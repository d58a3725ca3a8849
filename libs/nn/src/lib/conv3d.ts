// 3D convolution, channels-last (NDHWC) as tfjs computes it; weight [kd, kh, kw, in, out].
import { heNormal, tf, zeros, type RandomSource } from '@lddm/runtime';
import { checkInput, checkPositiveInt, perAxis } from './checks';
import { WeightedLayer, type WeightInit } from './layer';
import { padSpatial, resolvePadding, type Padding, type ResolvedPadding } from './padding';

export interface Conv3dOptions {
  inChannels: number;
  outChannels: number;
  kernel: number | readonly [number, number, number];
  stride?: number | readonly [number, number, number];
  /** Default 'valid' (PyTorch's padding = 0); e.g. [1, 3, 3] for the 3D ResNet stem. */
  padding?: Padding;
  bias?: boolean;
  /** Default He normal (He et al. 2015), for layers followed by a ReLU. */
  weightInit?: WeightInit;
}

export class Conv3d extends WeightedLayer<tf.Tensor5D, tf.Tensor5D> {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;
  /** As a tuple, so the forward reshapes the (possibly substituted) weight to a typed tensor. */
  private readonly weightShape: [number, number, number, number, number];
  readonly inChannels: number;
  readonly outChannels: number;
  private readonly stride: [number, number, number];
  private readonly sameAsExplicit: boolean;
  private readonly pad: ResolvedPadding;

  constructor(source: RandomSource, options: Conv3dOptions) {
    super(source);
    checkPositiveInt(this.label, 'inChannels', options.inChannels);
    checkPositiveInt(this.label, 'outChannels', options.outChannels);
    const [kd, kh, kw] = perAxis(this.label, 'kernel', options.kernel, 3);
    const [sd, sh, sw] = perAxis(this.label, 'stride', options.stride ?? 1, 3);
    if (kd * kh * kw * sd * sh * sw === 0) throw new Error(`${this.label}: kernel and stride must be positive`);
    this.inChannels = options.inChannels;
    this.outChannels = options.outChannels;
    this.stride = [sd, sh, sw];
    this.pad = resolvePadding(this.label, options.padding ?? 'valid', 3);
    // Stride 1 with an odd kernel and padding (k - 1) / 2 is exactly 'same' (tfjs' conv3d takes no
    // explicit padding): the kernels pad in place instead of a tf.pad copy of the input.
    const kernel = [kd, kh, kw];
    this.sameAsExplicit = this.stride.every((s) => s === 1) && this.pad.explicit.some((p) => p > 0) &&
      kernel.every((k, i) => k % 2 === 1 && this.pad.explicit[i] === (k - 1) / 2);
    const init = options.weightInit ?? heNormal;
    this.weightShape = [kd, kh, kw, options.inChannels, options.outChannels];
    this.weight = this.addParameter('weight', (rng) => init([...this.weightShape], rng));
    this.bias = options.bias === false ? undefined : this.addParameter('bias', zeros([options.outChannels]));
  }

  applyWith(x: tf.Tensor5D, weight: tf.Tensor): tf.Tensor5D {
    checkInput(this.label, x, 5, '[N, D, H, W, C]', this.inChannels);
    return tf.tidy(() => {
      const filter = tf.reshape<tf.Rank.R5>(weight, this.weightShape);
      const y = this.sameAsExplicit
        ? tf.conv3d(x, filter, this.stride, 'same')
        : tf.conv3d(padSpatial(x, this.pad.explicit), filter, this.stride, this.pad.mode);
      return this.bias === undefined ? y : tf.add<tf.Tensor5D>(y, this.bias);
    });
  }
}
