// The ResNet BasicBlock (He et al. 2016, fig. 2; torchvision's BasicBlock), GroupNorm for BN:
//   out = ReLU( GN(conv3x3(ReLU(GN(conv3x3(x, stride))))) + shortcut(x) ),
// shortcut = identity, or conv1x1(stride) + GN when the stride or width changes ("option B").
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, GroupNorm, Layer, relu } from '@lddm/nn';
import { normGroups } from './norm-groups';

export interface ResidualBlock2dOptions {
  inChannels: number;
  /** Stage width; the block outputs width * expansion channels (1 basic, 4 bottleneck). */
  width: number;
  stride: number;
  /** Upper bound of the GroupNorm groups (default 32). */
  maxGroups?: number;
}

export class BasicBlock2D extends Layer<tf.Tensor4D, tf.Tensor4D> {
  static readonly expansion = 1;
  readonly outChannels: number;
  private readonly conv1: Conv2d;
  private readonly norm1: GroupNorm;
  private readonly conv2: Conv2d;
  private readonly norm2: GroupNorm;
  private readonly shortcut: { conv: Conv2d; norm: GroupNorm } | undefined;

  constructor(source: RandomSource, options: ResidualBlock2dOptions) {
    super(source);
    const { inChannels, width, stride } = options;
    const gn = (channels: number): GroupNorm => new GroupNorm({ channels, groups: normGroups(channels, options.maxGroups) });
    this.outChannels = width;
    this.conv1 = this.addModule('conv1', (rng) => new Conv2d(rng, { inChannels, outChannels: width, kernel: 3, stride, padding: 1, bias: false }));
    this.norm1 = this.addModule('norm1', gn(width));
    this.conv2 = this.addModule('conv2', (rng) => new Conv2d(rng, { inChannels: width, outChannels: width, kernel: 3, padding: 1, bias: false }));
    this.norm2 = this.addModule('norm2', gn(width));
    this.shortcut =
      stride !== 1 || inChannels !== width
        ? {
            conv: this.addModule('downsample', (rng) => new Conv2d(rng, { inChannels, outChannels: width, kernel: 1, stride, bias: false })),
            norm: this.addModule('downsampleNorm', gn(width)),
          }
        : undefined;
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const h = relu(this.norm1.apply(this.conv1.apply(x)));
      const dx = this.norm2.apply(this.conv2.apply(h));
      const skip = this.shortcut === undefined ? x : this.shortcut.norm.apply(this.shortcut.conv.apply(x));
      return relu(tf.add<tf.Tensor4D>(skip, dx));
    });
  }
}
