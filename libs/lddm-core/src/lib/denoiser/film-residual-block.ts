// One residual block of the vector-latent denoiser, the MLP form of diffusers' ResnetBlock2D with
// time_embedding_norm = "scale_shift" (Dhariwal & Nichol 2021, "AdaGN"):
//   h = Linear1(SiLU(Norm1(x)))
//   [gamma, beta] = Linear_e(e)                       (e = SiLU([time emb || cond emb]))
//   h = SiLU(Norm2(h) * (1 + gamma) + beta)           (FiLM, Perez et al. 2018)
//   out = x + Linear2(h),  Linear2 zero-initialised, so a fresh block is the identity.
// Norm is GroupNorm on [B, 1, 1, width]: groups = 1 is LayerNorm over the features.
import { tf, type RandomSource } from '@lddm/runtime';
import { GroupNorm, Linear, Module, silu } from '@lddm/nn';

export interface FilmResidualBlockOptions {
  width: number;
  /** Width of the (already SiLU-activated) embedding e. */
  embDim: number;
  /** GroupNorm groups over the width (1 = LayerNorm). */
  normGroups?: number;
}

/** A zero weight, whatever the stream: the initialiser of the last layer of a residual branch. */
export const zeroInit = (shape: number[]): tf.Tensor => tf.zeros(shape);

export class FilmResidualBlock extends Module {
  readonly width: number;
  readonly embDim: number;
  private readonly norm1: GroupNorm;
  private readonly linear1: Linear;
  private readonly film: Linear;
  private readonly norm2: GroupNorm;
  private readonly linear2: Linear;

  constructor(source: RandomSource, options: FilmResidualBlockOptions) {
    super(source);
    const { width, embDim } = options;
    const groups = options.normGroups ?? 1;
    this.width = width;
    this.embDim = embDim;
    this.norm1 = this.addModule('norm1', new GroupNorm({ channels: width, groups }));
    this.linear1 = this.addModule('linear1', (rng) => new Linear(rng, { inFeatures: width, outFeatures: width }));
    this.film = this.addModule('film', (rng) => new Linear(rng, { inFeatures: embDim, outFeatures: 2 * width }));
    this.norm2 = this.addModule('norm2', new GroupNorm({ channels: width, groups }));
    this.linear2 = this.addModule('linear2', (rng) => new Linear(rng, { inFeatures: width, outFeatures: width, weightInit: zeroInit }));
  }

  /** x: [B, width], e: [B, embDim] -> [B, width]. */
  apply(x: tf.Tensor2D, e: tf.Tensor2D): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.width) throw new Error(`${this.label}: expected x of shape [B, ${this.width}], got [${x.shape.join(', ')}]`);
    if (e.rank !== 2 || e.shape[1] !== this.embDim || e.shape[0] !== x.shape[0]) {
      throw new Error(`${this.label}: expected e of shape [${x.shape[0]}, ${this.embDim}], got [${e.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const b = x.shape[0];
      const norm = (n: GroupNorm, h: tf.Tensor2D): tf.Tensor2D => tf.reshape(n.apply(tf.reshape<tf.Rank.R4>(h, [b, 1, 1, this.width])), [b, this.width]);
      const h = this.linear1.apply(silu(norm(this.norm1, x)));
      const [gamma, beta] = tf.split<tf.Tensor2D>(this.film.apply(e), 2, 1);
      const modulated = silu(tf.add<tf.Tensor2D>(tf.mul(norm(this.norm2, h), tf.add(gamma, 1)), beta));
      return tf.add<tf.Tensor2D>(x, this.linear2.apply(modulated));
    });
  }
}
