// The Active Token Mixer (Wei et al. CVPR 2023, eq. 5-6; reference ATMLayer) on tokens [B, H, W, C]
// with offsets [B, H, W, 2C] (the w branch's C, then the h branch's C):
//   x_w = W_w * sample_w(x, dw),  x_h = W_h * sample_h(x, dh),  x_c = W_c x   (1x1 mixes, eq. 4)
//   a = softmax over the 3 branches of MLP(mean over tokens of (x_w + x_h + x_c)), per channel
//   y = proj(a_w x_w + a_h x_h + a_c x_c).
import { Linear, Module } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import { sampleAlongAxis } from './axis-sampling';
import { applyToTokens, tokenLinearInit, TokenMlp } from './token-mlp';

export class AtmLayer extends Module {
  readonly dim: number;
  private readonly mixW: Linear;
  private readonly mixH: Linear;
  private readonly mixC: Linear;
  private readonly fusion: TokenMlp;
  private readonly proj: Linear;

  constructor(source: RandomSource, dim: number) {
    super(source);
    this.dim = dim;
    const linear = (name: string, outFeatures: number, bias: boolean) =>
      this.addModule(name, (rng) => new Linear(rng, { inFeatures: dim, outFeatures, bias, weightInit: tokenLinearInit }));
    this.mixW = linear('mixW', dim, true);
    this.mixH = linear('mixH', dim, true);
    this.mixC = linear('mixC', dim, false);
    this.fusion = this.addModule('fusion', (rng) => new TokenMlp(rng, { inFeatures: dim, hidden: Math.max(1, Math.floor(dim / 4)), outFeatures: 3 * dim }));
    this.proj = linear('proj', dim, true);
  }

  apply(x: tf.Tensor4D, offsets: tf.Tensor4D): tf.Tensor4D {
    const [b, h, w, c] = x.shape;
    if (c !== this.dim || offsets.shape.join() !== [b, h, w, 2 * c].join()) {
      throw new Error(`${this.label}: expected x [B, H, W, ${this.dim}] and offsets [B, H, W, ${2 * this.dim}], got [${x.shape.join(', ')}] and [${offsets.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const [dw, dh] = tf.split<tf.Tensor4D>(offsets, 2, 3);
      const xw = applyToTokens(this.mixW, sampleAlongAxis(x, dw, 'w')) as tf.Tensor4D;
      const xh = applyToTokens(this.mixH, sampleAlongAxis(x, dh, 'h')) as tf.Tensor4D;
      const xc = applyToTokens(this.mixC, x) as tf.Tensor4D;
      const summary = tf.mean<tf.Tensor2D>(tf.addN([xw, xh, xc]), [1, 2]); // [B, C]
      // Reference: fusion(a).reshape(B, C, 3).softmax over the 3: branch k of channel c is entry 3c + k.
      const a = tf.softmax(tf.reshape(this.fusion.apply(summary), [b, c, 3]));
      const weight = (k: number) => tf.reshape(tf.slice(a, [0, 0, k], [-1, -1, 1]), [b, 1, 1, c]);
      const mixed = tf.addN([tf.mul(xw, weight(0)), tf.mul(xh, weight(1)), tf.mul(xc, weight(2))]);
      return applyToTokens(this.proj, mixed) as tf.Tensor4D;
    });
  }
}
