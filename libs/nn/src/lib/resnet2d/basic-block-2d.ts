// ResNet BasicBlock (He et al. 2016, fig. 2; ResNet-18/34), torchvision layout with GroupNorm:
//   out = ReLU( N(conv3x3(ReLU(N(conv3x3(x, stride))))) + shortcut(x) ),
// shortcut = identity, or conv1x1(stride) + N when the stride or width changes ("option B").
import type { RandomSource, tf } from '@lddm/runtime';
import { relu } from '../activations';
import { Conv2d } from '../conv2d';
import type { GroupNorm } from '../group-norm';
import type { FeatureStep } from './block-hooks';
import { featureNorm } from './feature-norm';
import { ResidualBlock2d, type ResidualBlockOptions } from './residual-block-2d';

export class BasicBlock2d extends ResidualBlock2d {
  static readonly expansion = 1;
  readonly outChannels: number;
  private readonly conv1: Conv2d;
  private readonly norm1: GroupNorm;
  private readonly conv2: Conv2d;
  private readonly norm2: GroupNorm;
  private readonly temporal: FeatureStep | undefined;

  constructor(source: RandomSource, options: ResidualBlockOptions) {
    const { inChannels, planes, stride, hooks = {}, maxGroups } = options;
    super(source, hooks);
    this.outChannels = planes;
    this.conv1 = this.addModule('conv1', (rng) => new Conv2d(rng, { inChannels, outChannels: planes, kernel: 3, stride, padding: 1, bias: false }));
    this.norm1 = this.addModule('norm1', featureNorm(planes, maxGroups));
    this.temporal = this.addTemporal(hooks, planes);
    this.conv2 = this.addModule('conv2', (rng) => new Conv2d(rng, { inChannels: planes, outChannels: planes, kernel: 3, padding: 1, bias: false }));
    this.norm2 = this.addModule('norm2', featureNorm(planes, maxGroups));
    this.addShortcut(options, planes);
  }

  protected residual(x: tf.Tensor4D): tf.Tensor4D {
    let h = relu(this.norm1.apply(this.conv1.apply(x)));
    if (this.temporal !== undefined) h = this.temporal.apply(h);
    return this.norm2.apply(this.conv2.apply(h));
  }
}
