// The conditioning encoder trained as a VAE (docs/method.md "cINN baseline"): q(c | x0) from the ResNet
// encoder, c = mean + eps * exp(0.5 logvar) (Kingma & Welling 2014), x0_hat = decoder(c), loss
//   L1(x0_hat, x0) + klWeight * KL(q(c | x0) || N(0, I)),
// L1 a mean over pixels, KL summed over c and averaged over the batch. After training only the
// encoder's mean is kept: encodeMean(x0) is the condition the flow sees.
import { tf, type Rng, type RandomSource } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import { klDivergence, sampleLatent } from '@lddm/nn';
import { z } from 'zod';
import { ConditionImageDecoder } from './condition-image-decoder';
import { ResNetImageEncoder, ResNetImageEncoderConfigSchema, type ResNetImageEncoderInput } from './resnet-image-encoder';

export const ConditionVaeConfigSchema = z.object({
  /** The encoder's config (image size, backbone, cDim, logvarClamp). */
  encoder: ResNetImageEncoderConfigSchema.prefault({}),
  /** Full-resolution width of the decoder (profile: condEncoder.decoderNf). */
  decoderNf: z.number().int().min(1).default(32),
  /** Weight of the KL term. */
  klWeight: z.number().min(0).default(1e-6),
});

export type ConditionVaeConfig = z.output<typeof ConditionVaeConfigSchema>;
export type ConditionVaeInput = Omit<z.input<typeof ConditionVaeConfigSchema>, 'encoder'> & { encoder?: ResNetImageEncoderInput };

export interface ConditionVaeLoss {
  loss: tf.Scalar;
  recon: tf.Scalar;
  kl: tf.Scalar;
}

export class ConditionVae extends Module {
  readonly config: Readonly<ConditionVaeConfig>;
  readonly encoder: ResNetImageEncoder;
  readonly decoder: ConditionImageDecoder;

  constructor(source: RandomSource, input: ConditionVaeInput = {}) {
    super(source);
    const c = Object.freeze(ConditionVaeConfigSchema.parse(input));
    this.config = c;
    const e = c.encoder;
    this.encoder = this.addModule('encoder', (rng) => new ResNetImageEncoder(rng, e));
    this.decoder = this.addModule('decoder', (rng) =>
      new ConditionImageDecoder(rng, { cDim: e.cDim, outChannels: e.inChannels, height: e.height, width: e.width, nf: c.decoderNf }),
    );
  }

  /** The condition for the flow: the encoder's posterior mean [B, cDim]. */
  encodeMean(x0: tf.Tensor4D): tf.Tensor2D {
    return this.encoder.encodeMean(x0);
  }

  /** x0_hat from a sample c ~ q(c | x0) drawn with `rng`. */
  reconstruct(x0: tf.Tensor4D, rng: Rng): tf.Tensor4D {
    return tf.tidy(() => {
      const { mean, logvar } = this.encoder.encode(x0);
      return this.decoder.apply(sampleLatent(mean, logvar, rng) as tf.Tensor2D);
    });
  }

  /** The VAE objective on a batch x0 [B, H, W, C] in [-1, 1], with its two terms. */
  loss(x0: tf.Tensor4D, rng: Rng): ConditionVaeLoss {
    return tf.tidy(() => {
      const { mean, logvar } = this.encoder.encode(x0);
      const recon = tf.mean<tf.Scalar>(tf.abs(tf.sub(this.decoder.apply(sampleLatent(mean, logvar, rng) as tf.Tensor2D), x0)));
      const kl = klDivergence(mean, logvar);
      return { loss: tf.add<tf.Scalar>(recon, tf.mul(kl, this.config.klWeight)), recon, kl };
    });
  }
}
