// ResNet BasicBlock (He et al. 2016, ResNet-18/34), torchvision layout with GroupNorm:
//   out = ReLU( N(conv3x3(ReLU(N(conv3x3(x, stride))))) + shortcut(x) ),
// shortcut = identity, or conv1x1(stride) + N when the stride or width changes ("option B").
import { Conv2d, Layer, relu, type GroupNorm } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import type { BlockHooks, FeatureStep } from './block-hooks';
import { featureNorm } from './feature-norm';

export interface ResidualBlockOptions {
  inChannels: number;
  /** Width of the block's inner convs; output = planes * expansion. */
  planes: number;
  stride: number;
  hooks?: BlockHooks;
}

export class BasicBlock2d extends Layer<tf.Tensor4D, tf.Tensor4D> {
  static readonly expansion = 1;
  readonly outChannels: number;
  private readonly conv1: Conv2d;
  private readonly norm1: GroupNorm;
  private readonly conv2: Conv2d;
  private readonly norm2: GroupNorm;
  private readonly shortcut: { conv: Conv2d; norm: GroupNorm } | undefined;
  private readonly branchInput: ((x: tf.Tensor4D) => tf.Tensor4D) | undefined;
  private readonly temporal: FeatureStep | undefined;

  constructor(source: RandomSource, options: ResidualBlockOptions) {
    super(source);
    const { inChannels, planes, stride, hooks = {} } = options;
    this.outChannels = planes;
    this.conv1 = this.addModule('conv1', (rng) => new Conv2d(rng, { inChannels, outChannels: planes, kernel: 3, stride, padding: 1, bias: false }));
    this.norm1 = this.addModule('norm1', featureNorm(planes));
    const afterConv1 = hooks.afterConv1;
    this.temporal = afterConv1 === undefined ? undefined : this.addModule('temporal', (rng) => afterConv1(rng, planes));
    this.conv2 = this.addModule('conv2', (rng) => new Conv2d(rng, { inChannels: planes, outChannels: planes, kernel: 3, padding: 1, bias: false }));
    this.norm2 = this.addModule('norm2', featureNorm(planes));
    this.shortcut =
      stride !== 1 || inChannels !== planes
        ? {
            conv: this.addModule('downsample', (rng) => new Conv2d(rng, { inChannels, outChannels: planes, kernel: 1, stride, bias: false })),
            norm: this.addModule('downsampleNorm', featureNorm(planes)),
          }
        : undefined;
    this.branchInput = hooks.branchInput;
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const input = this.branchInput === undefined ? x : this.branchInput(x);
      let h = relu(this.norm1.apply(this.conv1.apply(input)));
      if (this.temporal !== undefined) h = this.temporal.apply(h);
      h = this.norm2.apply(this.conv2.apply(h));
      const skip = this.shortcut === undefined ? x : this.shortcut.norm.apply(this.shortcut.conv.apply(x));
      return relu(tf.add<tf.Tensor4D>(h, skip));
    });
  }
}
