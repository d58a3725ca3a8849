// The conditioning encoder trained as a VAE (docs/method.md "cINN baseline"): q(c | x0) from the ResNet
// encoder, c = mean + eps * exp(0.5 logvar) (Kingma & Welling 2014), x0_hat = decoder(c), loss
//   L1(x0_hat, x0) + klWeight * KL(q(c | x0) || N(0, I)),
// L1 a mean over pixels, KL summed over c and averaged over the batch. After training only the
// encoder's mean is kept: encodeMean(x0) is the condition the flow sees.
import { tf, type Rng, type RandomSource } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import { klDivergence, sampleLatent } from '@lddm/nn';
import type { CinnConfig, DeepReadonly } from '@lddm/config';
import { ConditionImageDecoder } from './condition-image-decoder';
import { ResNetImageEncoder, type ImageData } from './resnet-image-encoder';

/** What the VAE reads of the profile's `cinn.condEncoder` section. */
export type ConditionVaeConfig = DeepReadonly<Pick<CinnConfig['condEncoder'], 'backbone' | 'cDim' | 'logvarClamp' | 'decoderNf' | 'klWeight'>>;

export interface ConditionVaeLoss {
  loss: tf.Scalar;
  recon: tf.Scalar;
  kl: tf.Scalar;
}

export class ConditionVae extends Module {
  /** The profile's values it was built from. */
  readonly config: ConditionVaeConfig;
  readonly data: Readonly<ImageData>;
  readonly encoder: ResNetImageEncoder;
  readonly decoder: ConditionImageDecoder;

  constructor(source: RandomSource, condEncoder: ConditionVaeConfig, data: ImageData) {
    super(source);
    const c = condEncoder;
    this.config = c;
    this.data = { imageSize: data.imageSize, channels: data.channels };
    this.encoder = this.addModule('encoder', (rng) => new ResNetImageEncoder(rng, c, data));
    this.decoder = this.addModule('decoder', (rng) =>
      new ConditionImageDecoder(rng, { cDim: c.cDim, outChannels: data.channels, height: data.imageSize, width: data.imageSize, nf: c.decoderNf }),
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
