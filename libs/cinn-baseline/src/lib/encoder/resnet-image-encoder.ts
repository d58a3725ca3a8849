// The cINN's conditioning encoder (docs/method.md "cINN baseline"): a 2D ResNet over the first frame
// x0 [B, H, W, C] in [-1, 1] (ResNet-50, not pretrained, in the reference), then a conv whose
// kernel is the final feature map's size -> 2 * cDim = (mean, logvar), logvar clamped to
// [-30, 10]. The trunk is @lddm/nn's ResNet2d (torchvision layout, GroupNorm for BatchNorm with
// its group rule, see libs/nn/src/lib/resnet2d/feature-norm.ts). The encoder *is* that trunk plus
// a head rather than owning one, so its parameters keep their names (stem.*, layerN.*, head.*).
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, ResNet2d } from '@lddm/nn';
import { BackboneSchema } from '@lddm/config';
import { z } from 'zod';

const pos = (): z.ZodNumber => z.number().int().min(1);

/** ResNet-50 as in the reference (the `paper` profile). */
export const RESNET50 = { block: 'bottleneck', layers: [3, 4, 6, 3], widths: [64, 128, 256, 512], stemWidth: 64 } as const;

export const ResNetImageEncoderConfigSchema = z
  .object({
    inChannels: pos().default(1),
    height: pos().default(128),
    width: pos().default(128),
    backbone: BackboneSchema.default({ ...RESNET50, layers: [...RESNET50.layers], widths: [...RESNET50.widths] }),
    /** Size of the condition c (reference: 128). */
    cDim: pos().default(128),
    /** [lo, hi] clamp of the log-variance (reference: [-30, 10]). */
    logvarClamp: z.tuple([z.number(), z.number()]).default([-30, 10]),
    /** Upper bound of the GroupNorm groups (Wu & He: 32); groups also keep >= 4 channels each. */
    maxGroups: pos().default(32),
  })
  .superRefine((c, ctx) => {
    if (c.backbone.layers.length !== c.backbone.widths.length) ctx.addIssue({ code: 'custom', message: 'backbone.layers and backbone.widths must have the same length' });
    if (c.logvarClamp[0] >= c.logvarClamp[1]) ctx.addIssue({ code: 'custom', message: `logvarClamp must be [lo, hi] with lo < hi, got [${c.logvarClamp.join(', ')}]` });
  });

export type ResNetImageEncoderConfig = z.output<typeof ResNetImageEncoderConfigSchema>;
export type ResNetImageEncoderInput = z.input<typeof ResNetImageEncoderConfigSchema>;

/** floor((n + 2p - k) / s) + 1, PyTorch's conv/pool output size. */
const convOut = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** [H, W] after the stem, the max-pool, and each stage, without building anything. */
export function imageEncoderShapes(c: Pick<ResNetImageEncoderConfig, 'height' | 'width' | 'backbone'>): Array<[number, number]> {
  let shape: [number, number] = [convOut(c.height, 7, 2, 3), convOut(c.width, 7, 2, 3)];
  const shapes = [shape];
  shape = [convOut(shape[0], 3, 2, 1), convOut(shape[1], 3, 2, 1)];
  shapes.push(shape);
  c.backbone.widths.forEach((_, i) => {
    const s = i === 0 ? 1 : 2;
    shape = [convOut(shape[0], 3, s, 1), convOut(shape[1], 3, s, 1)];
    shapes.push(shape);
  });
  return shapes;
}

export interface ConditionPosterior {
  /** [B, cDim]. */
  mean: tf.Tensor2D;
  /** [B, cDim], clamped to logvarClamp. */
  logvar: tf.Tensor2D;
}

export class ResNetImageEncoder extends ResNet2d {
  readonly config: Readonly<ResNetImageEncoderConfig>;
  /** Channels of the final feature map (= outChannels). */
  readonly featureChannels: number;
  private readonly head: Conv2d;

  constructor(source: RandomSource, input: ResNetImageEncoderInput = {}) {
    const c = Object.freeze(ResNetImageEncoderConfigSchema.parse(input));
    super(source, { backbone: c.backbone, inChannels: c.inChannels, maxGroups: c.maxGroups });
    this.config = c;
    this.featureChannels = this.outChannels;
    const [h, w] = imageEncoderShapes(c).at(-1) ?? [0, 0];
    if (h < 1 || w < 1) throw new Error(`${this.label}: a ${c.height}x${c.width} image is too small for ${c.backbone.widths.length} stages`);
    this.head = this.addModule('head', (rng) => new Conv2d(rng, { inChannels: this.outChannels, outChannels: 2 * c.cDim, kernel: [h, w] }));
  }

  /** The final feature map [B, h, w, featureChannels]. */
  override features(x0: tf.Tensor4D): tf.Tensor4D {
    const { height, width, inChannels } = this.config;
    if (x0.rank !== 4 || x0.shape[1] !== height || x0.shape[2] !== width || x0.shape[3] !== inChannels) {
      throw new Error(`${this.label}: expected x0 of shape [B, ${height}, ${width}, ${inChannels}], got [${x0.shape.join(', ')}]`);
    }
    return super.features(x0);
  }

  /** q(c | x0): mean and clamped logvar, each [B, cDim]. */
  encode(x0: tf.Tensor4D): ConditionPosterior {
    return tf.tidy(() => {
      const b = x0.shape[0];
      const out = tf.reshape<tf.Rank.R2>(this.head.apply(this.features(x0)), [b, 2 * this.config.cDim]);
      const [mean, raw] = tf.split<tf.Tensor2D>(out, 2, 1);
      const [lo, hi] = this.config.logvarClamp;
      return { mean, logvar: tf.clipByValue(raw, lo, hi) };
    });
  }

  /** The condition the flow uses: the posterior mean [B, cDim]. */
  encodeMean(x0: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => this.encode(x0).mean);
  }
}
