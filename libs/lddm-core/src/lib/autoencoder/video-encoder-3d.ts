// Stage 1 encoder: a 3D ResNet-18 over the clip, x [B, T, H, W, C] in [-1, 1] -> q(z | x) as
// (mu, logvar), as the cINN reference builds it (docs/method.md "Stage 1 as in the cINN reference"):
//   stem conv3d k (3,7,7) stride (2,2,2) pad (1,3,3), no bias -> GN -> ReLU (no max-pool),
//   4 stages x 2 BasicBlocks (the first strided by (stride_t, stride_s, stride_s)),
//   then a head for mu and one for logvar.
// Latent kinds:
//   'vector': the reference's z in R^zDim. The final feature [B, T', h, w, C] has its time axis
//     folded into channels ([B, h, w, T' * C]), then conv2d with kernel (h, w), valid -> [B, zDim].
//     In the reference T' = 1 (16 frames, stem stride 2, stage strides 1,2,2,2), so the fold is a
//     plain squeeze there; for other T' it keeps every frame's features apart instead of pooling them.
//   'spatiotemporal': the paper's z of shape [T/r, H/r, W/r, c]: 1x1x1 conv3d heads on [B, T', h, w, C].
// z = mu + eps * exp(0.5 logvar) (Kingma & Welling 2014, the reparameterisation trick).
import { tf, type Rng, type RandomSource } from '@lddm/runtime';
import { Activation, Conv2d, Conv3d, GroupNorm, klDivergence, Layer, Module, relu, sampleLatent, Sequential } from '@lddm/nn';
import type { DataConfig, DeepReadonly, Stage1Config } from '@lddm/config';
import { BasicBlock3D } from './basic-block-3d';

/** The block the stages are made of, exported with the encoder. */
export { BasicBlock3D, type BasicBlock3dOptions } from './basic-block-3d';

/** The profile's lddm.stage1 encoder and latent (validated there: groups divide the widths, the clip fits the strides). */
export type EncoderSettings = DeepReadonly<Pick<Stage1Config, 'encoder' | 'latent'>>;

/** The clip: the profile's data section. */
export type ClipSpec = Pick<DataConfig, 'framesPerClip' | 'imageSize' | 'channels'>;

/** The resolved encoder (serialise it with the run; the PyTorch peer of bench:peer builds from it). */
export interface VideoEncoder3dConfig {
  /** Input clip [T, H, W, C]: frames, height, width, image channels. */
  frames: number;
  height: number;
  width: number;
  inChannels: number;
  /** [stem, stage1, stage2, stage3, stage4] output channels. */
  channels: [number, number, number, number, number];
  /** Per-stage time stride. */
  strideT: [number, number, number, number];
  /** Per-stage space stride. */
  strideS: [number, number, number, number];
  stemKernel: [number, number, number];
  stemStride: [number, number, number];
  /** kernel // 2 per axis (the profile states no padding): PyTorch's "same" for odd kernels, the reference's (1, 3, 3). */
  stemPadding: [number, number, number];
  /** GroupNorm groups, in every norm. */
  groups: number;
  /** BasicBlocks per stage (ResNet-18: 2); the first of each stage carries the stride. */
  blocksPerStage: number;
  /** Projection shortcut kernel: 3 as the reference (docs/method.md), 1 as the classic ResNet-18. */
  shortcutKernel: 1 | 3;
  latent: { kind: 'vector'; zDim: number } | { kind: 'spatiotemporal'; channels: number };
}

/** The encoder the profile's sections describe, every derived value filled in. */
export function encoderConfig(stage1: EncoderSettings, clip: ClipSpec): VideoEncoder3dConfig {
  const e = stage1.encoder;
  const half = (k: number): number => Math.floor(k / 2);
  return {
    frames: clip.framesPerClip,
    height: clip.imageSize,
    width: clip.imageSize,
    inChannels: clip.channels,
    channels: [...e.channels] as VideoEncoder3dConfig['channels'],
    strideT: [...e.strideT] as VideoEncoder3dConfig['strideT'],
    strideS: [...e.strideS] as VideoEncoder3dConfig['strideS'],
    stemKernel: [...e.stemKernel] as VideoEncoder3dConfig['stemKernel'],
    stemStride: [...e.stemStride] as VideoEncoder3dConfig['stemStride'],
    stemPadding: [half(e.stemKernel[0]), half(e.stemKernel[1]), half(e.stemKernel[2])],
    groups: e.groups,
    blocksPerStage: e.blocksPerStage,
    shortcutKernel: e.shortcutKernel,
    latent: stage1.latent.kind === 'vector' ? { kind: 'vector', zDim: stage1.latent.zDim } : { kind: 'spatiotemporal', channels: stage1.latent.channels },
  };
}

type Geometry = Pick<VideoEncoder3dConfig, 'frames' | 'height' | 'width' | 'stemKernel' | 'stemStride' | 'stemPadding' | 'strideT' | 'strideS'>;

/** floor((n + 2p - k) / s) + 1, PyTorch's conv output size. */
const convOut = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** [T, H, W] after the stem and after each stage (5 entries), without building anything. */
export function encoderShapes(c: Geometry): Array<[number, number, number]> {
  const [kt, kh, kw] = c.stemKernel;
  const [st, sh, sw] = c.stemStride;
  const [pt, ph, pw] = c.stemPadding;
  let shape: [number, number, number] = [convOut(c.frames, kt, st, pt), convOut(c.height, kh, sh, ph), convOut(c.width, kw, sw, pw)];
  const shapes = [shape];
  for (let i = 0; i < 4; i++) {
    const t = c.strideT[i] ?? 1;
    const s = c.strideS[i] ?? 1;
    // The first conv of each stage: k 3, pad 1, stride (t, s, s); the rest keep the size.
    shape = [convOut(shape[0], 3, t, 1), convOut(shape[1], 3, s, 1), convOut(shape[2], 3, s, 1)];
    shapes.push(shape);
  }
  return shapes;
}

/** Shape of mu (and logvar) per sample, i.e. without the batch axis. */
export function latentShape(config: VideoEncoder3dConfig): number[] {
  const [t, h, w] = encoderShapes(config)[4] ?? [0, 0, 0];
  return config.latent.kind === 'vector' ? [config.latent.zDim] : [t, h, w, config.latent.channels];
}

export interface Posterior {
  /** [B, zDim] or [B, T', h, w, c]. */
  mu: tf.Tensor;
  logvar: tf.Tensor;
}

/** A latent head: 'vector' folds time into channels then a valid conv2d; 'spatiotemporal' a 1x1x1 conv3d. */
class LatentHead extends Module {
  private readonly conv2d: Conv2d | undefined;
  private readonly conv3d: Conv3d | undefined;

  constructor(source: RandomSource, config: VideoEncoder3dConfig) {
    super(source);
    const [t, h, w] = encoderShapes(config)[4] ?? [1, 1, 1];
    const c = config.channels[4];
    if (config.latent.kind === 'vector') {
      const zDim = config.latent.zDim;
      this.conv2d = this.addModule('conv', (rng) => new Conv2d(rng, { inChannels: t * c, outChannels: zDim, kernel: [h, w] }));
    } else {
      const out = config.latent.channels;
      this.conv3d = this.addModule('conv', (rng) => new Conv3d(rng, { inChannels: c, outChannels: out, kernel: 1 }));
    }
  }

  apply(f: tf.Tensor5D): tf.Tensor {
    return tf.tidy(() => {
      if (this.conv3d !== undefined) return this.conv3d.apply(f);
      if (this.conv2d === undefined) throw new Error(`${this.label}: no head`);
      const [b, t, h, w, c] = f.shape;
      // [B, T', h, w, C] -> [B, h, w, T' * C]: channel index t * C + c.
      const folded = tf.reshape<tf.Rank.R4>(tf.transpose(f, [0, 2, 3, 1, 4]), [b, h, w, t * c]);
      const y = this.conv2d.apply(folded);
      return tf.reshape(y, [b, y.shape[3]]);
    });
  }
}

export class VideoEncoder3D extends Module {
  /** The parsed, frozen config (serialise it with the run). */
  readonly config: Readonly<VideoEncoder3dConfig>;
  private readonly stem: Sequential<tf.Tensor5D>;
  private readonly stages: Array<Layer<tf.Tensor5D, tf.Tensor5D>>;
  private readonly muHead: LatentHead;
  private readonly logvarHead: LatentHead;

  constructor(rng: Rng, stage1: EncoderSettings, clip: ClipSpec) {
    super(rng);
    const config = Object.freeze(encoderConfig(stage1, clip));
    this.config = config;
    const { channels, groups } = config;
    this.stem = this.addModule(
      'stem',
      (r) =>
        new Sequential<tf.Tensor5D>(r, [
          (rr) => new Conv3d(rr, { inChannels: config.inChannels, outChannels: channels[0], kernel: config.stemKernel, stride: config.stemStride, padding: config.stemPadding, bias: false }),
          () => new GroupNorm({ channels: channels[0], groups }),
          () => new Activation(relu),
        ]),
    );
    this.stages = [0, 1, 2, 3].map((i) => {
      const inC = channels[i] ?? 0;
      const outC = channels[i + 1] ?? 0;
      const stride = [config.strideT[i] ?? 1, config.strideS[i] ?? 1, config.strideS[i] ?? 1] as const;
      const opts = { groups, shortcutKernel: config.shortcutKernel };
      return this.addModule(
        `stage${i + 1}`,
        (r) =>
          new Sequential<tf.Tensor5D>(r, [
            (rr) => new BasicBlock3D(rr, { inChannels: inC, outChannels: outC, stride, ...opts }),
            ...Array.from({ length: config.blocksPerStage - 1 }, () => (rr: Rng) => new BasicBlock3D(rr, { inChannels: outC, outChannels: outC, stride: [1, 1, 1], ...opts })),
          ]),
      );
    });
    this.muHead = this.addModule('mu', (r) => new LatentHead(r, config));
    this.logvarHead = this.addModule('logvar', (r) => new LatentHead(r, config));
  }

  /** The feature map before the heads, [B, T', h, w, C4]. */
  features(x: tf.Tensor5D): tf.Tensor5D {
    const c = this.config;
    const [, t, h, w, ch] = x.shape;
    if (x.rank !== 5 || t !== c.frames || h !== c.height || w !== c.width || ch !== c.inChannels) {
      throw new Error(`${this.label}: expected [B, ${c.frames}, ${c.height}, ${c.width}, ${c.inChannels}], got [${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => this.stages.reduce((f, stage) => stage.apply(f), this.stem.apply(x)));
  }

  /** q(z | x): mu and logvar, each [B, zDim] ('vector') or [B, T', h, w, c] ('spatiotemporal'). */
  encode(x: tf.Tensor5D): Posterior {
    const f = this.features(x);
    const mu = this.muHead.apply(f);
    const logvar = this.logvarHead.apply(f);
    f.dispose();
    return { mu, logvar };
  }

  /** z = mu + eps * exp(0.5 logvar) with eps from `rng` (see sampleLatent). */
  sample(mu: tf.Tensor, logvar: tf.Tensor, rng: Rng): tf.Tensor {
    return sampleLatent(mu, logvar, rng);
  }

  /** KL(q(z | x) || N(0, I)), mean over the batch (see klDivergence). */
  kl(mu: tf.Tensor, logvar: tf.Tensor): tf.Scalar {
    return klDivergence(mu, logvar);
  }
}
