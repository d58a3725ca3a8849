// Stage 1 of LDDM: the video autoencoder, encoder q(z | x) (VideoEncoder3D) and decoder
// p(x | z, x0) (VideoDecoder), x0 being the first frame of the clip (docs/method.md "Stage 1").
// The decoder's clip and latent follow from the encoder's, so the two halves cannot disagree.
import { tf, type Rng } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import type { DeepReadonly, Stage1Config } from '@lddm/config';
import { sampleLatent } from '@lddm/nn';
import { latentShape, VideoEncoder3D, type ClipSpec, type Posterior, type VideoEncoder3dConfig } from './video-encoder-3d';
import { VideoDecoder, type VideoDecoderConfig } from './video-decoder';
import type { DecoderLatent } from './adain';

/** The resolved halves (serialise them with the run). */
export interface VideoAutoencoderConfig {
  encoder: Readonly<VideoEncoder3dConfig>;
  decoder: Readonly<VideoDecoderConfig>;
}

/** The decoder's latent: the encoder's, with its grid [T', h, w] when spatio-temporal. */
function decoderLatent(encoder: VideoEncoder3dConfig): DecoderLatent {
  if (encoder.latent.kind === 'vector') return encoder.latent;
  const [t = 1, h = 1, w = 1] = latentShape(encoder);
  return { kind: 'spatiotemporal', channels: encoder.latent.channels, shape: [t, h, w] };
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

  /** `stage1`: the profile's lddm.stage1 (encoder, latent, decoder); `clip`: the profile's data section. */
  constructor(rng: Rng, stage1: DeepReadonly<Pick<Stage1Config, 'encoder' | 'latent' | 'decoder'>>, clip: ClipSpec) {
    super(rng);
    this.encoder = this.addModule('encoder', (r) => new VideoEncoder3D(r, stage1, clip));
    const latent = decoderLatent(this.encoder.config);
    this.decoder = this.addModule('decoder', (r) => new VideoDecoder(r, stage1, latent, clip));
    this.config = Object.freeze({ encoder: this.encoder.config, decoder: this.decoder.config });
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
