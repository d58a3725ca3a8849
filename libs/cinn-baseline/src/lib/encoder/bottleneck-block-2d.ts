// The ResNet Bottleneck (He et al. 2016, fig. 5; torchvision's Bottleneck, "ResNet v1.5": the
// stride sits on the 3x3 conv), GroupNorm for BN:
//   out = ReLU( GN(conv1x1(ReLU(GN(conv3x3(ReLU(GN(conv1x1(x))), stride))))) + shortcut(x) ),
// widths w -> w -> 4w; shortcut = identity, or conv1x1(stride) + GN when stride or width changes.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, GroupNorm, Layer, relu } from '@lddm/nn';
import type { ResidualBlock2dOptions } from './basic-block-2d';
import { normGroups } from './norm-groups';

export class BottleneckBlock2D extends Layer<tf.Tensor4D, tf.Tensor4D> {
  static readonly expansion = 4;
  readonly outChannels: number;
  private readonly convs: Conv2d[];
  private readonly norms: GroupNorm[];
  private readonly shortcut: { conv: Conv2d; norm: GroupNorm } | undefined;

  constructor(source: RandomSource, options: ResidualBlock2dOptions) {
    super(source);
    const { inChannels, width, stride } = options;
    const out = width * BottleneckBlock2D.expansion;
    const gn = (channels: number): GroupNorm => new GroupNorm({ channels, groups: normGroups(channels, options.maxGroups) });
    this.outChannels = out;
    this.convs = [
      this.addModule('conv1', (rng) => new Conv2d(rng, { inChannels, outChannels: width, kernel: 1, bias: false })),
      this.addModule('conv2', (rng) => new Conv2d(rng, { inChannels: width, outChannels: width, kernel: 3, stride, padding: 1, bias: false })),
      this.addModule('conv3', (rng) => new Conv2d(rng, { inChannels: width, outChannels: out, kernel: 1, bias: false })),
    ];
    this.norms = [this.addModule('norm1', gn(width)), this.addModule('norm2', gn(width)), this.addModule('norm3', gn(out))];
    this.shortcut =
      stride !== 1 || inChannels !== out
        ? {
            conv: this.addModule('downsample', (rng) => new Conv2d(rng, { inChannels, outChannels: out, kernel: 1, stride, bias: false })),
            norm: this.addModule('downsampleNorm', gn(out)),
          }
        : undefined;
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      let h = x;
      this.convs.forEach((conv, i) => {
        h = this.norms[i].apply(conv.apply(h));
        if (i < 2) h = relu(h);
      });
      const skip = this.shortcut === undefined ? x : this.shortcut.norm.apply(this.shortcut.conv.apply(x));
      return relu(tf.add<tf.Tensor4D>(skip, h));
    });
  }
}
