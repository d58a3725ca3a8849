// 2D ResNet trunk (He et al. 2016; torchvision layout), shared by the per-frame video classifiers
// and the cINN's image encoder:
//   stem: conv7x7/2 (pad 3, no bias) -> N -> ReLU -> maxpool 3x3/2 (pad 1);
//   stages i = 0..n-1 ("layer1..layerN"): `layers[i]` blocks of width `widths[i]`, stride 1 for
//   the first stage and 2 after; global average pooling gives [N, widths[-1] * expansion].
// The stem takes `inChannels` directly (1 for gray ultrasound): the models train from scratch,
// so there are no RGB weights to adapt. Video models reach inside through `hooks` (per residual
// block) and by calling `stem` / `stage(i)` themselves (TDN fuses features between them).
import { tf, type RandomSource } from '@lddm/runtime';
import { Activation, relu } from '../activations';
import { Conv2d } from '../conv2d';
import { Module } from '../module';
import { MaxPool2d } from '../pool';
import { Sequential } from '../sequential';
import type { BlockHookFactory } from './block-hooks';
import { featureNorm } from './feature-norm';
import { ResNetStage, type BlockKind } from './resnet-stage';

/** The layout (the shape of @lddm/config's BackboneConfig). ResNet-18: basic [2,2,2,2]; ResNet-50: bottleneck [3,4,6,3]. */
export interface ResNet2dBackbone {
  block: BlockKind;
  layers: readonly number[];
  /** Stage widths before the bottleneck expansion (x4). */
  widths: readonly number[];
  stemWidth: number;
}

export interface ResNet2dOptions {
  backbone: ResNet2dBackbone;
  inChannels: number;
  hooks?: BlockHookFactory;
  /** Upper bound of the GroupNorm groups (default 32, see feature-norm.ts). */
  maxGroups?: number;
}

export class ResNet2d extends Module {
  readonly backbone: Readonly<ResNet2dBackbone>;
  /** Channels of the last stage (and of the pooled feature vector). */
  readonly outChannels: number;
  private readonly stemLayers: Sequential<tf.Tensor4D>;
  private readonly stages: ResNetStage[];

  constructor(source: RandomSource, options: ResNet2dOptions) {
    super(source);
    const { backbone, inChannels, maxGroups } = options;
    if (backbone.layers.length !== backbone.widths.length || backbone.layers.length === 0) {
      throw new Error(`${this.label}: backbone.layers (${backbone.layers.length}) and widths (${backbone.widths.length}) must have the same non-zero length`);
    }
    this.backbone = Object.freeze({ ...backbone, layers: [...backbone.layers], widths: [...backbone.widths] });
    const stem = backbone.stemWidth;
    this.stemLayers = this.addModule('stem', (rng) =>
      new Sequential<tf.Tensor4D>(rng, [
        (r) => new Conv2d(r, { inChannels, outChannels: stem, kernel: 7, stride: 2, padding: 3, bias: false }),
        () => featureNorm(stem, maxGroups),
        () => new Activation(relu),
        () => new MaxPool2d({ kernel: 3, stride: 2, padding: 1 }),
      ]),
    );
    let channels = stem;
    this.stages = backbone.layers.map((blocks, i) => {
      const stage = this.addModule(`layer${i + 1}`, (rng) =>
        new ResNetStage(rng, { block: backbone.block, inChannels: channels, planes: backbone.widths[i], blocks, stride: i === 0 ? 1 : 2, stage: i, hooks: options.hooks, maxGroups }),
      );
      channels = stage.outChannels;
      return stage;
    });
    this.outChannels = channels;
  }

  get stageCount(): number {
    return this.stages.length;
  }

  /** Channels after the stem (the input of layer1). */
  get stemChannels(): number {
    return this.backbone.stemWidth;
  }

  /** Output channels of stage i. */
  stageChannels(i: number): number {
    return this.stageAt(i).outChannels;
  }

  /** frames [N, H, W, C] -> [N, H/4, W/4, stemWidth]. */
  stem(x: tf.Tensor4D): tf.Tensor4D {
    return this.stemLayers.apply(x);
  }

  stage(i: number, x: tf.Tensor4D): tf.Tensor4D {
    return this.stageAt(i).apply(x);
  }

  /** frames [N, H, W, C] -> the last stage's map [N, h, w, outChannels]. */
  features(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => this.stages.reduce((h, s) => s.apply(h), this.stem(x)));
  }

  /** frames [N, H, W, C] -> pooled features [N, outChannels]. */
  apply(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => globalAveragePool(this.features(x)));
  }

  private stageAt(i: number): ResNetStage {
    const s = this.stages[i];
    if (s === undefined) throw new Error(`${this.label}: no stage ${i} (the backbone has ${this.stages.length})`);
    return s;
  }
}

/** [N, H, W, C] -> [N, C]: the mean over all positions. */
export function globalAveragePool(x: tf.Tensor4D): tf.Tensor2D {
  return tf.mean<tf.Tensor2D>(x, [1, 2]);
}
