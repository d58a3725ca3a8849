// ActiveBlock (Wei et al. CVPR 2023; reference ActiveMLP `ActiveBlock`), pre-norm residual:
//   x = x + ATM(LN(x), offsets);  x = x + MLP(LN(x))   (MLP hidden = mlpRatio * C)
// A block that owns an offset layer predicts offsets = Linear(LN(x)) with 2C / S outputs, each
// repeated for S consecutive channels (`share_dim` S channels share one offset); the others reuse
// the offsets of the stage's last predicting block (see active-stage.ts).
import { Linear, Module } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import { AtmLayer } from './atm-layer';
import { TokenLayerNorm } from './token-layer-norm';
import { applyToTokens, tokenLinearInit, TokenMlp } from './token-mlp';

export interface ActiveBlockOptions {
  dim: number;
  mlpRatio: number;
  /** Channels sharing one offset when this block predicts offsets; undefined: it reuses them. */
  offsetShare?: number;
}

export class ActiveBlock extends Module {
  readonly dim: number;
  private readonly offsets: { norm: TokenLayerNorm; linear: Linear; share: number } | undefined;
  private readonly norm1: TokenLayerNorm;
  private readonly atm: AtmLayer;
  private readonly norm2: TokenLayerNorm;
  private readonly mlp: TokenMlp;

  constructor(source: RandomSource, options: ActiveBlockOptions) {
    super(source);
    const { dim, mlpRatio, offsetShare } = options;
    this.dim = dim;
    if (offsetShare !== undefined) {
      if (!Number.isInteger(offsetShare) || offsetShare < 1 || (2 * dim) % offsetShare !== 0) {
        throw new Error(`${this.label}: offsetShare must divide 2 * dim (${2 * dim}), got ${offsetShare}`);
      }
      this.offsets = {
        norm: this.addModule('offsetNorm', new TokenLayerNorm(dim)),
        linear: this.addModule('offsetLayer', (rng) => new Linear(rng, { inFeatures: dim, outFeatures: (2 * dim) / offsetShare, weightInit: tokenLinearInit })),
        share: offsetShare,
      };
    }
    this.norm1 = this.addModule('norm1', new TokenLayerNorm(dim));
    this.atm = this.addModule('atm', (rng) => new AtmLayer(rng, dim));
    this.norm2 = this.addModule('norm2', new TokenLayerNorm(dim));
    this.mlp = this.addModule('mlp', (rng) => new TokenMlp(rng, { inFeatures: dim, hidden: Math.max(1, Math.floor(dim * mlpRatio)), outFeatures: dim }));
  }

  get predictsOffsets(): boolean {
    return this.offsets !== undefined;
  }

  /** x [B, H, W, C] -> offsets [B, H, W, 2C] (w branch's C, then h branch's C). */
  predictOffsets(x: tf.Tensor4D): tf.Tensor4D {
    const o = this.offsets;
    if (o === undefined) throw new Error(`${this.label}: this block reuses offsets and has no offset layer`);
    return tf.tidy(() => {
      const raw = applyToTokens(o.linear, o.norm.apply(x)) as tf.Tensor4D; // [B, H, W, 2C / S]
      if (o.share === 1) return raw;
      const [b, h, w, k] = raw.shape;
      // repeat_interleave(S, dim=-1): channel j of the result is raw channel floor(j / S).
      // (A broadcast multiply rather than tile: tfjs has no rank-5 tile gradient.)
      return tf.reshape<tf.Rank.R4>(tf.mul(tf.reshape(raw, [b, h, w, k, 1]), tf.ones([1, 1, 1, 1, o.share])), [b, h, w, k * o.share]);
    });
  }

  apply(x: tf.Tensor4D, offsets: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const mixed = tf.add<tf.Tensor4D>(x, this.atm.apply(this.norm1.apply(x), offsets));
      return tf.add<tf.Tensor4D>(mixed, this.mlp.apply(this.norm2.apply(mixed)));
    });
  }
}
