// ResNet Bottleneck (He et al. 2016, ResNet-50/101), torchvision "v1.5" layout (stride on the 3x3)
// with GroupNorm:
//   out = ReLU( N(conv1x1_up(ReLU(N(conv3x3(ReLU(N(conv1x1(x))), stride))))) + shortcut(x) ),
// expansion 4; shortcut = identity, or conv1x1(stride) + N when the stride or width changes.
import { Conv2d, Layer, relu, type GroupNorm } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import type { ResidualBlockOptions } from './basic-block-2d';
import type { FeatureStep } from './block-hooks';
import { featureNorm } from './feature-norm';

export class Bottleneck2d extends Layer<tf.Tensor4D, tf.Tensor4D> {
  static readonly expansion = 4;
  readonly outChannels: number;
  private readonly conv1: Conv2d;
  private readonly norm1: GroupNorm;
  private readonly conv2: Conv2d;
  private readonly norm2: GroupNorm;
  private readonly conv3: Conv2d;
  private readonly norm3: GroupNorm;
  private readonly shortcut: { conv: Conv2d; norm: GroupNorm } | undefined;
  private readonly branchInput: ((x: tf.Tensor4D) => tf.Tensor4D) | undefined;
  private readonly temporal: FeatureStep | undefined;

  constructor(source: RandomSource, options: ResidualBlockOptions) {
    super(source);
    const { inChannels, planes, stride, hooks = {} } = options;
    const out = planes * Bottleneck2d.expansion;
    this.outChannels = out;
    this.conv1 = this.addModule('conv1', (rng) => new Conv2d(rng, { inChannels, outChannels: planes, kernel: 1, bias: false }));
    this.norm1 = this.addModule('norm1', featureNorm(planes));
    const afterConv1 = hooks.afterConv1;
    this.temporal = afterConv1 === undefined ? undefined : this.addModule('temporal', (rng) => afterConv1(rng, planes));
    this.conv2 = this.addModule('conv2', (rng) => new Conv2d(rng, { inChannels: planes, outChannels: planes, kernel: 3, stride, padding: 1, bias: false }));
    this.norm2 = this.addModule('norm2', featureNorm(planes));
    this.conv3 = this.addModule('conv3', (rng) => new Conv2d(rng, { inChannels: planes, outChannels: out, kernel: 1, bias: false }));
    this.norm3 = this.addModule('norm3', featureNorm(out));
    this.shortcut =
      stride !== 1 || inChannels !== out
        ? {
            conv: this.addModule('downsample', (rng) => new Conv2d(rng, { inChannels, outChannels: out, kernel: 1, stride, bias: false })),
            norm: this.addModule('downsampleNorm', featureNorm(out)),
          }
        : undefined;
    this.branchInput = hooks.branchInput;
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const input = this.branchInput === undefined ? x : this.branchInput(x);
      let h = relu(this.norm1.apply(this.conv1.apply(input)));
      if (this.temporal !== undefined) h = this.temporal.apply(h);
      h = relu(this.norm2.apply(this.conv2.apply(h)));
      h = this.norm3.apply(this.conv3.apply(h));
      const skip = this.shortcut === undefined ? x : this.shortcut.norm.apply(this.shortcut.conv.apply(x));
      return relu(tf.add<tf.Tensor4D>(h, skip));
    });
  }
}
