// One ResNet stage ("layerN"): `blocks` residual blocks of width `planes`, the first one strided
// and projecting the shortcut. Its own class so that TDN can build a second layer1 for its
// short-term difference branch.
import { tf, type RandomSource } from '@lddm/runtime';
import { Layer } from '../layer';
import { BasicBlock2d } from './basic-block-2d';
import type { BlockHookFactory } from './block-hooks';
import { Bottleneck2d } from './bottleneck-2d';

export type BlockKind = 'basic' | 'bottleneck';

export interface ResNetStageOptions {
  block: BlockKind;
  inChannels: number;
  planes: number;
  blocks: number;
  stride: number;
  /** Index of the stage in its network (0 = layer1), passed to `hooks`. */
  stage: number;
  hooks?: BlockHookFactory;
  /** Upper bound of the GroupNorm groups (default 32, see feature-norm.ts). */
  maxGroups?: number;
}

export const blockExpansion = (kind: BlockKind): number => (kind === 'basic' ? BasicBlock2d.expansion : Bottleneck2d.expansion);

export class ResNetStage extends Layer<tf.Tensor4D, tf.Tensor4D> {
  readonly outChannels: number;
  private readonly blocks: Array<BasicBlock2d | Bottleneck2d>;

  constructor(source: RandomSource, options: ResNetStageOptions) {
    super(source);
    const { block, planes, stage, maxGroups } = options;
    if (!Number.isInteger(options.blocks) || options.blocks < 1) throw new Error(`${this.label}: blocks must be a positive integer`);
    const Block = block === 'basic' ? BasicBlock2d : Bottleneck2d;
    this.outChannels = planes * Block.expansion;
    this.blocks = Array.from({ length: options.blocks }, (_, index) =>
      this.addModule(String(index), (rng) =>
        new Block(rng, {
          inChannels: index === 0 ? options.inChannels : this.outChannels,
          planes,
          stride: index === 0 ? options.stride : 1,
          hooks: options.hooks?.({ stage, index }),
          maxGroups,
        }),
      ),
    );
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => this.blocks.reduce((h, b) => b.apply(h), x));
  }
}
