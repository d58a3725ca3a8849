// SPADE, spatially-adaptive normalisation (Park et al. 2019, eq. 1), as the cINN reference's
// generator conditions on the first frame x0 (docs/method.md "Stage 1", SPADE):
//   n = GroupNorm(x) without affine;  s = lrelu_0.2(conv3x3(resize(x0, H x W)));
//   gamma = conv3x3(s), beta = conv3x3(s);  out = n * (1 + gamma) + beta,
// gamma and beta [B, H, W, C] broadcast over the T frames of x [B, T, H, W, C].
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, GroupNorm, leakyRelu, Module, resize2d, type ResizeMode } from '@lddm/nn';

export interface SpadeOptions {
  /** Channels C of the normalised feature. */
  channels: number;
  /** Channels of the conditioning image x0. */
  imageChannels: number;
  /** Width of the shared conv (reference: 128). */
  hidden: number;
  /** GroupNorm groups; must divide `channels`. */
  groups: number;
  /** How x0 is resized to the feature's H x W (default bilinear). */
  resize?: ResizeMode;
}

export class Spade extends Module {
  readonly norm: GroupNorm;
  readonly shared: Conv2d;
  readonly gamma: Conv2d;
  readonly beta: Conv2d;
  private readonly resizeMode: ResizeMode;
  private readonly imageChannels: number;

  constructor(source: RandomSource, options: SpadeOptions) {
    super(source);
    const { channels, imageChannels, hidden, groups } = options;
    this.imageChannels = imageChannels;
    this.resizeMode = options.resize ?? 'bilinear';
    this.norm = this.addModule('norm', new GroupNorm({ channels, groups, affine: false }));
    this.shared = this.addModule('shared', (rng) => new Conv2d(rng, { inChannels: imageChannels, outChannels: hidden, kernel: 3, padding: 1 }));
    this.gamma = this.addModule('gamma', (rng) => new Conv2d(rng, { inChannels: hidden, outChannels: channels, kernel: 3, padding: 1 }));
    this.beta = this.addModule('beta', (rng) => new Conv2d(rng, { inChannels: hidden, outChannels: channels, kernel: 3, padding: 1 }));
  }

  /** x [B, T, H, W, C], x0 [B, H0, W0, imageChannels] -> [B, T, H, W, C]. */
  apply(x: tf.Tensor5D, x0: tf.Tensor4D): tf.Tensor5D {
    const [b, , h, w] = x.shape;
    if (x0.rank !== 4 || x0.shape[0] !== b || x0.shape[3] !== this.imageChannels) {
      throw new Error(`${this.label}: expected x0 [${b}, H0, W0, ${this.imageChannels}], got [${x0.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const n = this.norm.apply(x);
      const s = leakyRelu(this.shared.apply(resize2d(x0, [h, w], this.resizeMode)), 0.2);
      // [B, H, W, C] -> [B, 1, H, W, C]: the same modulation for every frame.
      const gamma = tf.expandDims(this.gamma.apply(s), 1);
      const beta = tf.expandDims(this.beta.apply(s), 1);
      return tf.add<tf.Tensor5D>(tf.mul(n, tf.add(gamma, 1)), beta);
    });
  }
}
