// I3D: Inception-v1 inflated to 3D (Carreira & Zisserman 2017), the Kinetics-400 layout of
// DeepMind's kinetics-i3d and pytorch-i3d (whose parameter names it keeps, so converted
// checkpoints load by name). Input [N, T, H, W, 3] in [-1, 1]. FVD uses the 400-d logits averaged
// over time; DTFVD the 1024-d average-pooled features (docs/method.md "Metrics as the references
// compute them"). At 16 x 224 x 224 the final map is 2 x 7 x 7 and the [2, 7, 7] valid average
// pool leaves one position, as in the reference; a smaller input clips the pool window to the map
// and averages what remains, so the code path is the same.
import { tf, type RandomSource } from '@lddm/runtime';
import { MaxPool3d, Module } from '@lddm/nn';
import { InceptionModule, type InceptionChannels } from './i3d-inception';
import { Unit3d } from './i3d-unit';

/** RGB input, as the published network (the extractor replicates grey frames to 3 channels). */
export const I3D_IN_CHANNELS = 3;
/** The published network's channel widths (the multiplier 1). */
export const PUBLISHED_WIDTH = 1;

export interface I3dConfig {
  /** 400 for Kinetics-400, 18 for DTDB, 2 for the in-domain I3D: a property of the weights. */
  classes: number;
  /** Multiplies every channel count; omitted: PUBLISHED_WIDTH. < 1 only for small tests. */
  width?: number;
}

/** The published [b0, b1a, b1b, b2a, b2b, b3b] widths of Mixed_3b .. Mixed_5c. */
const MIXED: ReadonlyArray<[string, InceptionChannels]> = [
  ['Mixed_3b', [64, 96, 128, 16, 32, 32]],
  ['Mixed_3c', [128, 128, 192, 32, 96, 64]],
  ['Mixed_4b', [192, 96, 208, 16, 48, 64]],
  ['Mixed_4c', [160, 112, 224, 24, 64, 64]],
  ['Mixed_4d', [128, 128, 256, 24, 64, 64]],
  ['Mixed_4e', [112, 144, 288, 32, 64, 64]],
  ['Mixed_4f', [256, 160, 320, 32, 128, 128]],
  ['Mixed_5b', [256, 160, 320, 32, 128, 128]],
  ['Mixed_5c', [384, 192, 384, 48, 128, 128]],
];

/** Max pools placed before the named mixed block: [kernel, stride], TF 'SAME'. */
const POOL_BEFORE: Record<string, [string, [number, number, number], [number, number, number]]> = {
  Mixed_4b: ['MaxPool3d_4a_3x3', [3, 3, 3], [2, 2, 2]],
  Mixed_5b: ['MaxPool3d_5a_2x2', [2, 2, 2], [2, 2, 2]],
};

export interface I3dOutputs {
  /** [N, classes]: logits averaged over the remaining time (and space) positions. */
  logits: tf.Tensor2D;
  /** [N, 1024 * width]: the average-pooled features before the logits layer. */
  pool: tf.Tensor2D;
}

export class I3d extends Module {
  readonly config: Readonly<Required<I3dConfig>>;
  readonly featureChannels: number;
  private readonly stem: Array<Unit3d | MaxPool3d> = [];
  private readonly blocks: Array<InceptionModule | MaxPool3d> = [];
  private readonly logitsLayer: Unit3d;

  constructor(source: RandomSource, config: I3dConfig) {
    super(source);
    this.config = Object.freeze({ classes: config.classes, width: config.width ?? PUBLISHED_WIDTH });
    const ch = (c: number): number => Math.max(1, Math.round(c * this.config.width));
    const unit = (name: string, i: number, o: number, kernel: number, stride = 1): Unit3d =>
      this.addModule(name, (r) => new Unit3d(r, { inChannels: i, outChannels: o, kernel, stride }));
    const pool = (name: string, kernel: [number, number, number], stride: [number, number, number]): MaxPool3d =>
      this.addModule(name, new MaxPool3d({ kernel, stride, padding: 'same' }));
    this.stem.push(
      unit('Conv3d_1a_7x7', I3D_IN_CHANNELS, ch(64), 7, 2),
      pool('MaxPool3d_2a_3x3', [1, 3, 3], [1, 2, 2]),
      unit('Conv3d_2b_1x1', ch(64), ch(64), 1),
      unit('Conv3d_2c_3x3', ch(64), ch(192), 3),
      pool('MaxPool3d_3a_3x3', [1, 3, 3], [1, 2, 2]),
    );
    let channels = ch(192);
    for (const [name, widths] of MIXED) {
      const before = POOL_BEFORE[name];
      if (before !== undefined) this.blocks.push(pool(...before));
      const block = this.addModule(name, (r) => new InceptionModule(r, channels, widths.map(ch) as unknown as InceptionChannels));
      this.blocks.push(block);
      channels = block.outChannels;
    }
    this.featureChannels = channels;
    this.logitsLayer = this.addModule(
      'logits',
      (r) => new Unit3d(r, { inChannels: channels, outChannels: this.config.classes, kernel: 1, batchNorm: false, bias: true, activation: false }),
    );
  }

  apply(x: tf.Tensor5D): I3dOutputs {
    if (x.rank !== 5 || x.shape[4] !== I3D_IN_CHANNELS) {
      throw new Error(`${this.label}: expected [N, T, H, W, ${I3D_IN_CHANNELS}], got [${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      let y = x;
      for (const layer of [...this.stem, ...this.blocks]) y = layer.apply(y);
      const [, t, h, w] = y.shape;
      // kinetics-i3d: avg_pool3d ksize [2, 7, 7], stride 1, VALID (dropout is the identity at eval).
      const pooled = tf.avgPool3d(y, [Math.min(2, t), Math.min(7, h), Math.min(7, w)], 1, 'valid');
      const logits = this.logitsLayer.apply(pooled);
      return {
        logits: tf.mean(logits, [1, 2, 3]) as tf.Tensor2D,
        pool: tf.mean(pooled, [1, 2, 3]) as tf.Tensor2D,
      };
    });
  }
}
