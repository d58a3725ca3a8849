// What every 2D ResNet block shares (He et al. 2016): out = ReLU(F(x') + shortcut(x)), where
// x' = hooks.branchInput(x) (TSM's shift; identity otherwise) and shortcut = identity, or
// conv1x1(stride) + N when the stride or width changes (torchvision's "option B" downsample).
// Subclasses define the residual branch F (basic: two 3x3; bottleneck: 1x1 -> 3x3 -> 1x1).
import { tf, type RandomSource } from '@lddm/runtime';
import { relu } from '../activations';
import { Conv2d } from '../conv2d';
import type { GroupNorm } from '../group-norm';
import { Layer } from '../layer';
import type { BlockHooks, FeatureStep } from './block-hooks';
import { featureNorm } from './feature-norm';

export interface ResidualBlockOptions {
  inChannels: number;
  /** Width of the block's inner convs; output = planes * expansion. */
  planes: number;
  stride: number;
  hooks?: BlockHooks;
  /** Upper bound of the GroupNorm groups (default 32, see feature-norm.ts). */
  maxGroups?: number;
}

export abstract class ResidualBlock2d extends Layer<tf.Tensor4D, tf.Tensor4D> {
  abstract readonly outChannels: number;
  private readonly branchInput: ((x: tf.Tensor4D) => tf.Tensor4D) | undefined;
  private shortcut: { conv: Conv2d; norm: GroupNorm } | undefined;

  protected constructor(source: RandomSource, hooks: BlockHooks) {
    super(source);
    this.branchInput = hooks.branchInput;
  }

  /** The residual branch F on the hooked input. */
  protected abstract residual(x: tf.Tensor4D): tf.Tensor4D;

  /** Registers the afterConv1 hook's module as child `temporal` (TDN), if there is one. */
  protected addTemporal(hooks: BlockHooks, channels: number): FeatureStep | undefined {
    const afterConv1 = hooks.afterConv1;
    return afterConv1 === undefined ? undefined : this.addModule('temporal', (rng) => afterConv1(rng, channels));
  }

  /** Registers the projection shortcut (`downsample`, `downsampleNorm`) when stride or width changes. */
  protected addShortcut(options: ResidualBlockOptions, outChannels: number): void {
    const { inChannels, stride, maxGroups } = options;
    if (stride === 1 && inChannels === outChannels) return;
    this.shortcut = {
      conv: this.addModule('downsample', (rng) => new Conv2d(rng, { inChannels, outChannels, kernel: 1, stride, bias: false })),
      norm: this.addModule('downsampleNorm', featureNorm(outChannels, maxGroups)),
    };
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const h = this.residual(this.branchInput === undefined ? x : this.branchInput(x));
      const skip = this.shortcut === undefined ? x : this.shortcut.norm.apply(this.shortcut.conv.apply(x));
      return relu(tf.add<tf.Tensor4D>(h, skip));
    });
  }
}
