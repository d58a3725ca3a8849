// The cINN's conditioning encoder (docs/method.md "cINN baseline"): a 2D ResNet over the first frame
// x0 [B, H, W, C] in [-1, 1] (ResNet-50, not pretrained, in the reference), then a conv whose
// kernel is the final feature map's size -> 2 * cDim = (mean, logvar), logvar clamped to
// [-30, 10]. The trunk is @lddm/nn's ResNet2d (torchvision layout, GroupNorm for BatchNorm with
// its group rule, see libs/nn/src/lib/resnet2d/feature-norm.ts). The encoder *is* that trunk plus
// a head rather than owning one, so its parameters keep their names (stem.*, layerN.*, head.*).
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, ResNet2d } from '@lddm/nn';
import type { CinnConfig, DataConfig, DeepReadonly } from '@lddm/config';

/** What the encoder reads of the profile's `cinn.condEncoder` section. */
export type ResNetImageEncoderConfig = DeepReadonly<Pick<CinnConfig['condEncoder'], 'backbone' | 'cDim' | 'logvarClamp'>>;
/** The frames it encodes: data.imageSize x data.imageSize x data.channels. */
export type ImageData = Pick<DataConfig, 'imageSize' | 'channels'>;

/** floor((n + 2p - k) / s) + 1, PyTorch's conv/pool output size. */
const convOut = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** [H, W] after the stem, the max-pool, and each stage of a square imageSize frame, without building anything. */
export function imageEncoderShapes(imageSize: number, backbone: Pick<ResNetImageEncoderConfig['backbone'], 'widths'>): Array<[number, number]> {
  let shape: [number, number] = [convOut(imageSize, 7, 2, 3), convOut(imageSize, 7, 2, 3)];
  const shapes = [shape];
  shape = [convOut(shape[0], 3, 2, 1), convOut(shape[1], 3, 2, 1)];
  shapes.push(shape);
  backbone.widths.forEach((_, i) => {
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
  /** The profile's values it was built from. */
  readonly config: ResNetImageEncoderConfig;
  readonly data: Readonly<ImageData>;
  /** Channels of the final feature map (= outChannels). */
  readonly featureChannels: number;
  private readonly head: Conv2d;

  constructor(source: RandomSource, condEncoder: ResNetImageEncoderConfig, data: ImageData) {
    const c = condEncoder;
    super(source, { backbone: { ...c.backbone, layers: [...c.backbone.layers], widths: [...c.backbone.widths] }, inChannels: data.channels });
    this.config = c;
    this.data = { imageSize: data.imageSize, channels: data.channels };
    this.featureChannels = this.outChannels;
    const [h, w] = imageEncoderShapes(data.imageSize, c.backbone).at(-1) ?? [0, 0];
    if (h < 1 || w < 1) throw new Error(`${this.label}: a ${data.imageSize}x${data.imageSize} image is too small for ${c.backbone.widths.length} stages`);
    this.head = this.addModule('head', (rng) => new Conv2d(rng, { inChannels: this.outChannels, outChannels: 2 * c.cDim, kernel: [h, w] }));
  }

  /** The final feature map [B, h, w, featureChannels]. */
  override features(x0: tf.Tensor4D): tf.Tensor4D {
    const { imageSize: size, channels } = this.data;
    if (x0.rank !== 4 || x0.shape[1] !== size || x0.shape[2] !== size || x0.shape[3] !== channels) {
      throw new Error(`${this.label}: expected x0 of shape [B, ${size}, ${size}, ${channels}], got [${x0.shape.join(', ')}]`);
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
