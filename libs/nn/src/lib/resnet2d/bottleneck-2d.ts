// ResNet Bottleneck (He et al. 2016, fig. 5; ResNet-50/101), torchvision "v1.5" layout (stride on
// the 3x3) with GroupNorm:
//   out = ReLU( N(conv1x1_up(ReLU(N(conv3x3(ReLU(N(conv1x1(x))), stride))))) + shortcut(x) ),
// expansion 4; shortcut = identity, or conv1x1(stride) + N when the stride or width changes.
import type { RandomSource, tf } from '@lddm/runtime';
import { relu } from '../activations';
import { Conv2d } from '../conv2d';
import type { GroupNorm } from '../group-norm';
import type { FeatureStep } from './block-hooks';
import { featureNorm } from './feature-norm';
import { ResidualBlock2d, type ResidualBlockOptions } from './residual-block-2d';

export class Bottleneck2d extends ResidualBlock2d {
  static readonly expansion = 4;
  readonly outChannels: number;
  private readonly conv1: Conv2d;
  private readonly norm1: GroupNorm;
  private readonly conv2: Conv2d;
  private readonly norm2: GroupNorm;
  private readonly conv3: Conv2d;
  private readonly norm3: GroupNorm;
  private readonly temporal: FeatureStep | undefined;

  constructor(source: RandomSource, options: ResidualBlockOptions) {
    const { inChannels, planes, stride, hooks = {}, maxGroups } = options;
    super(source, hooks);
    const out = planes * Bottleneck2d.expansion;
    this.outChannels = out;
    this.conv1 = this.addModule('conv1', (rng) => new Conv2d(rng, { inChannels, outChannels: planes, kernel: 1, bias: false }));
    this.norm1 = this.addModule('norm1', featureNorm(planes, maxGroups));
    this.temporal = this.addTemporal(hooks, planes);
    this.conv2 = this.addModule('conv2', (rng) => new Conv2d(rng, { inChannels: planes, outChannels: planes, kernel: 3, stride, padding: 1, bias: false }));
    this.norm2 = this.addModule('norm2', featureNorm(planes, maxGroups));
    this.conv3 = this.addModule('conv3', (rng) => new Conv2d(rng, { inChannels: planes, outChannels: out, kernel: 1, bias: false }));
    this.norm3 = this.addModule('norm3', featureNorm(out, maxGroups));
    this.addShortcut(options, out);
  }

  protected residual(x: tf.Tensor4D): tf.Tensor4D {
    let h = relu(this.norm1.apply(this.conv1.apply(x)));
    if (this.temporal !== undefined) h = this.temporal.apply(h);
    h = relu(this.norm2.apply(this.conv2.apply(h)));
    return this.norm3.apply(this.conv3.apply(h));
  }
}
