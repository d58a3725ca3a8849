// Stage 1 decoder: the cINN reference's SPADE + AdaIN generator (docs/method.md "Stage 1", Decoder),
// z and the first frame x0 -> a clip [B, frames, H, W, C] in (-1, 1):
//   vector z:  fc z -> 4*4*(mult0*nf), reshaped to [B, 1, 4, 4, mult0*nf];
//   spatio-temporal z [B, T', h, w, c] (the paper's latent): conv3d 3x3x3 c -> mult0*nf at z's own
//     (T', h, w) instead of the fc (our adaptation; the reference has only vector z);
//   one GeneratorBlock per channel multiple, nearest upsampling before blocks as upsamplingSchedule
//     computes it (the reference: 16nf@(1,4,4) -> 16nf@(2,8,8) -> ... -> nf@(16,H,W));
//   then LeakyReLU(0.2), conv3d 3x3x3 (last width -> C), tanh.
import { tf, type Rng } from '@lddm/runtime';
import { Conv3d, leakyRelu, Linear, Module } from '@lddm/nn';
import type { DeepReadonly, Stage1Config } from '@lddm/config';
import type { DecoderLatent } from './adain';
import { GeneratorBlock } from './generator-block';
import { upsamplingSchedule, type BlockStep } from './upsampling-schedule';
import type { ClipSpec } from './video-encoder-3d';

/** The fc start of the reference: (1, 4, 4). */
export const VECTOR_START: readonly [number, number, number] = [1, 4, 4];

/**
 * The profile's lddm.stage1 decoder, and the encoder's GroupNorm groups, which SPADE and the
 * shortcuts share (validated there: they divide every block width).
 */
export type DecoderSettings = DeepReadonly<Pick<Stage1Config, 'decoder'> & { encoder: Pick<Stage1Config['encoder'], 'groups'> }>;

/** The resolved decoder (serialise it with the run; the PyTorch peer of bench:peer builds from it). */
export interface VideoDecoderConfig {
  /** Output clip [T, H, W, C]; x0 has the same H, W, C. */
  frames: number;
  height: number;
  width: number;
  outChannels: number;
  /** The encoder's latent; a spatio-temporal one also states its grid [T', h, w]. */
  latent: DecoderLatent;
  /** Base width (reference: 32 at 128 px, 64 at 64 px). */
  nf: number;
  /** Width of each GeneratorBlock / nf (reference: [16, 16, 8, 4, 2, 1]). */
  channelMults: number[];
  /** SPADE hidden width (reference: 128). */
  spadeHidden: number;
  spectralNorm: boolean;
  /** GroupNorm groups in SPADE and the shortcuts. */
  groups: number;
}

type Geometry = Pick<VideoDecoderConfig, 'frames' | 'height' | 'width' | 'latent' | 'channelMults'>;

/** The per-block upsampling and feature sizes, without building anything; throws when impossible. */
export function decoderSchedule(c: Geometry): BlockStep[] {
  const start = c.latent.kind === 'vector' ? VECTOR_START : c.latent.shape;
  return upsamplingSchedule(start, [c.frames, c.height, c.width], c.channelMults.length);
}

export class VideoDecoder extends Module {
  /** The parsed, frozen config (serialise it with the run). */
  readonly config: Readonly<VideoDecoderConfig>;
  readonly schedule: readonly BlockStep[];
  private readonly fc: Linear | undefined;
  private readonly stem: Conv3d | undefined;
  private readonly blocks: GeneratorBlock[];
  private readonly out: Conv3d;

  /** `latent`: the encoder's (VideoEncoder3D.config.latent, with its grid when spatio-temporal); `clip`: the clip it makes. */
  constructor(rng: Rng, stage1: DecoderSettings, latent: DecoderLatent, clip: ClipSpec) {
    super(rng);
    const { nf, channelMults, spadeHidden, spectralNorm } = stage1.decoder;
    const config: Readonly<VideoDecoderConfig> = Object.freeze({
      frames: clip.framesPerClip,
      height: clip.imageSize,
      width: clip.imageSize,
      outChannels: clip.channels,
      latent,
      nf,
      channelMults: [...channelMults],
      spadeHidden,
      spectralNorm,
      groups: stage1.encoder.groups,
    });
    this.config = config;
    this.schedule = decoderSchedule(config);
    const widths = config.channelMults.map((m) => m * config.nf);
    const first = widths[0] ?? 1;
    if (latent.kind === 'vector') {
      const [t, h, w] = VECTOR_START;
      this.fc = this.addModule('fc', (r) => new Linear(r, { inFeatures: latent.zDim, outFeatures: t * h * w * first }));
    } else {
      this.stem = this.addModule('stem', (r) => new Conv3d(r, { inChannels: latent.channels, outChannels: first, kernel: 3, padding: 1 }));
    }
    this.blocks = this.schedule.map((step, i) =>
      this.addModule(
        `block${i}`,
        (r) =>
          new GeneratorBlock(r, {
            inChannels: widths[Math.max(i - 1, 0)] ?? 1,
            outChannels: widths[i] ?? 1,
            imageChannels: config.outChannels,
            spadeHidden: config.spadeHidden,
            latent,
            groups: config.groups,
            spectralNorm: config.spectralNorm,
            upsample: step.upsample,
          }),
      ),
    );
    this.out = this.addModule('out', (r) => new Conv3d(r, { inChannels: widths.at(-1) ?? 1, outChannels: config.outChannels, kernel: 3, padding: 1 }));
  }

  /** z [B, zDim] or [B, T', h, w, c], x0 [B, H, W, C] -> clip [B, frames, H, W, C] in (-1, 1). */
  decode(z: tf.Tensor, x0: tf.Tensor4D): tf.Tensor5D {
    const c = this.config;
    const b = z.shape[0] ?? 0;
    if (x0.rank !== 4 || x0.shape[0] !== b || x0.shape[1] !== c.height || x0.shape[2] !== c.width || x0.shape[3] !== c.outChannels) {
      throw new Error(`${this.label}: expected x0 [${b}, ${c.height}, ${c.width}, ${c.outChannels}], got [${x0.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      let h = this.start(z);
      for (const block of this.blocks) h = block.apply(h, x0, z);
      return tf.tanh(this.out.apply(leakyRelu(h, 0.2)));
    });
  }

  private start(z: tf.Tensor): tf.Tensor5D {
    const c = this.config;
    const first = (c.channelMults[0] ?? 1) * c.nf;
    if (this.fc !== undefined) {
      if (c.latent.kind !== 'vector' || z.rank !== 2 || z.shape[1] !== c.latent.zDim) {
        throw new Error(`${this.label}: expected z [B, ${c.latent.kind === 'vector' ? c.latent.zDim : '?'}], got [${z.shape.join(', ')}]`);
      }
      const [t, h, w] = VECTOR_START;
      return tf.reshape<tf.Rank.R5>(this.fc.apply(z as tf.Tensor2D), [z.shape[0] ?? 0, t, h, w, first]);
    }
    if (this.stem === undefined || c.latent.kind !== 'spatiotemporal') throw new Error(`${this.label}: no stem`);
    const [t, h, w] = c.latent.shape;
    const expected = [z.shape[0], t, h, w, c.latent.channels];
    if (z.rank !== 5 || z.shape.join() !== expected.join()) throw new Error(`${this.label}: expected z [${expected.join(', ')}], got [${z.shape.join(', ')}]`);
    return this.stem.apply(z as tf.Tensor5D);
  }
}
