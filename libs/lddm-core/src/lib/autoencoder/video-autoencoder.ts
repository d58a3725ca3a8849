// Stage 1 of LDDM: the video autoencoder, encoder q(z | x) (VideoEncoder3D) and decoder
// p(x | z, x0) (VideoDecoder), x0 being the first frame of the clip (docs/method.md "Stage 1").
// One input states the clip and the latent once (in `encoder`); the decoder's geometry and latent
// follow from it, so the two halves cannot disagree.
import { tf, type Rng } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import type { DeepReadonly, Stage1Config } from '@lddm/config';
import { z } from 'zod';
import { sampleLatent } from '@lddm/nn';
import { latentShape, VideoEncoder3D, VideoEncoder3dConfigSchema, type Posterior, type VideoEncoder3dConfig, type VideoEncoder3dInput } from './video-encoder-3d';
import { VideoDecoder, VideoDecoderConfigSchema, type VideoDecoderConfig } from './video-decoder';

const pos = (): z.ZodNumber => z.number().int().min(1);

/** The decoder's own architecture; its clip size and latent come from the encoder. */
export const DecoderArchitectureSchema = z.object({
  nf: pos().default(32),
  channelMults: z.array(pos()).min(1).default([16, 16, 8, 4, 2, 1]),
  spadeHidden: pos().default(128),
  spectralNorm: z.boolean().default(true),
  groups: pos().default(16),
});

export interface VideoAutoencoderInput {
  encoder?: VideoEncoder3dInput;
  decoder?: z.input<typeof DecoderArchitectureSchema>;
}

export interface VideoAutoencoderConfig {
  encoder: VideoEncoder3dConfig;
  decoder: VideoDecoderConfig;
}

/** Parses both halves, deriving the decoder's frames, size, channels and latent from the encoder. */
export function parseAutoencoderConfig(input: VideoAutoencoderInput): VideoAutoencoderConfig {
  const encoder = VideoEncoder3dConfigSchema.parse(input.encoder ?? {});
  const arch = DecoderArchitectureSchema.parse(input.decoder ?? {});
  const grid = latentShape(encoder);
  const latent =
    encoder.latent.kind === 'vector'
      ? encoder.latent
      : { kind: 'spatiotemporal' as const, channels: encoder.latent.channels, shape: [grid[0] ?? 1, grid[1] ?? 1, grid[2] ?? 1] as [number, number, number] };
  const decoder = VideoDecoderConfigSchema.parse({ ...arch, frames: encoder.frames, height: encoder.height, width: encoder.width, outChannels: encoder.inChannels, latent });
  return { encoder, decoder };
}

/** The one mapping from a profile's lddm.stage1 and data sections to the autoencoder input. */
export function autoencoderConfigFromProfile(
  stage1: Pick<DeepReadonly<Stage1Config>, 'encoder' | 'latent' | 'decoder'>,
  data: { imageSize: number; framesPerClip: number; channels: number },
): VideoAutoencoderInput {
  const e = stage1.encoder;
  // The profile states no stem padding: PyTorch's k // 2 ("same" for odd kernels), as the reference's (1, 3, 3).
  const half = (k: number): number => Math.floor(k / 2);
  return {
    encoder: {
      frames: data.framesPerClip,
      height: data.imageSize,
      width: data.imageSize,
      inChannels: data.channels,
      channels: [...e.channels] as [number, number, number, number, number],
      strideT: [...e.strideT] as [number, number, number, number],
      strideS: [...e.strideS] as [number, number, number, number],
      stemKernel: [...e.stemKernel] as [number, number, number],
      stemStride: [...e.stemStride] as [number, number, number],
      stemPadding: [half(e.stemKernel[0]), half(e.stemKernel[1]), half(e.stemKernel[2])],
      groups: e.groups,
      blocksPerStage: e.blocksPerStage,
      shortcutKernel: e.shortcutKernel,
      latent: stage1.latent.kind === 'vector' ? { kind: 'vector', zDim: stage1.latent.zDim } : { kind: 'spatiotemporal', channels: stage1.latent.channels },
    },
    decoder: { ...stage1.decoder, channelMults: [...stage1.decoder.channelMults], groups: e.groups },
  };
}

export interface ReconstructOptions {
  /** true: decode z ~ q(z | x) (training); false: decode the mean mu. */
  sample: boolean;
  /** Needed when sample is true. */
  rng?: Rng;
}

export class VideoAutoencoder extends Module {
  readonly config: Readonly<VideoAutoencoderConfig>;
  readonly encoder: VideoEncoder3D;
  readonly decoder: VideoDecoder;

  constructor(rng: Rng, input: VideoAutoencoderInput = {}) {
    super(rng);
    const config = parseAutoencoderConfig(input);
    this.config = Object.freeze(config);
    this.encoder = this.addModule('encoder', (r) => new VideoEncoder3D(r, config.encoder));
    this.decoder = this.addModule('decoder', (r) => new VideoDecoder(r, config.decoder));
  }

  /** q(z | x) for clips x [B, T, H, W, C] in [-1, 1]. */
  encode(x: tf.Tensor5D): Posterior {
    return this.encoder.encode(x);
  }

  /** The clip from z and the conditioning frame x0 [B, H, W, C]. */
  decode(z: tf.Tensor, x0: tf.Tensor4D): tf.Tensor5D {
    return this.decoder.decode(z, x0);
  }

  /** Encodes x, takes z (a sample or mu) and decodes it with x0 = x's first frame. */
  reconstruct(x: tf.Tensor5D, options: ReconstructOptions): { recon: tf.Tensor5D; posterior: Posterior } {
    if (options.sample && options.rng === undefined) throw new Error(`${this.label}: reconstruct({ sample: true }) needs an rng`);
    const posterior = this.encode(x);
    const recon = tf.tidy(() => {
      const z = options.sample && options.rng !== undefined ? sampleLatent(posterior.mu, posterior.logvar, options.rng) : posterior.mu;
      return this.decode(z, firstFrame(x));
    });
    return { recon, posterior };
  }
}

/** x0 = the clip's first frame, [B, H, W, C]. */
export function firstFrame(x: tf.Tensor5D): tf.Tensor4D {
  const [b, , h, w, c] = x.shape;
  return tf.reshape<tf.Rank.R4>(tf.slice(x, [0, 0, 0, 0, 0], [b, 1, h, w, c]), [b, h, w, c]);
}
