// epsilon_theta(z_t, t, x0) of stage 2 for VECTOR latents z [B, zDim] (the reference's 64-d z):
//   e = SiLU([TimeEmbedding(t) || ConditionImageEncoder(x0)])
//   h = Linear_in(z_t);  h = FilmResidualBlock_k(h, e), k = 1..N
//   eps-hat = Linear_out(SiLU(Norm(h)))
// The spatial-latent UNet is a separate network with the same EpsilonModel face.
import { tf, type RandomSource } from '@lddm/runtime';
import { GroupNorm, Linear, Module, silu } from '@lddm/nn';
import { z } from 'zod';
import type { ConditionedEpsilonModel, EpsilonModel } from '../diffusion/epsilon-model';
import { ConditionImageEncoder, ConditionImageEncoderConfigSchema } from './condition-image-encoder';
import { FilmResidualBlock, zeroInit } from './film-residual-block';
import { TimeEmbedding } from './time-embedding';

export const ResidualMlpDenoiserConfigSchema = z
  .object({
    /** Size of the latent z. */
    zDim: z.number().int().min(1).default(64),
    /** Width of the residual stream. */
    width: z.number().int().min(1).default(256),
    /** Number of residual blocks N. */
    blocks: z.number().int().min(0).default(4),
    /** GroupNorm groups over the width (1 = LayerNorm). */
    normGroups: z.number().int().min(1).default(1),
    /** Width of the sinusoidal timestep features. */
    timeFrequencyDim: z.number().int().min(2).multipleOf(2).default(64),
    /** Width of the learned time embedding. */
    timeDim: z.number().int().min(1).default(128),
    /** The x0 encoder; its condDim is the width of the condition embedding. */
    image: ConditionImageEncoderConfigSchema.default(ConditionImageEncoderConfigSchema.parse({})),
    /** Zero-initialise the output layer so that a fresh model predicts eps-hat = 0. */
    zeroInitOutput: z.boolean().default(false),
  })
  .refine((c) => c.width % c.normGroups === 0, { message: 'width must be divisible by normGroups' });

export type ResidualMlpDenoiserConfig = z.output<typeof ResidualMlpDenoiserConfigSchema>;
export type ResidualMlpDenoiserInput = z.input<typeof ResidualMlpDenoiserConfigSchema>;

export class ResidualMlpDenoiser extends Module {
  /** The parsed, frozen config (serialise it with the run). */
  readonly config: Readonly<ResidualMlpDenoiserConfig>;
  private readonly time: TimeEmbedding;
  private readonly image: ConditionImageEncoder;
  private readonly input: Linear;
  private readonly blocks: FilmResidualBlock[];
  private readonly outNorm: GroupNorm;
  private readonly output: Linear;

  constructor(source: RandomSource, input: ResidualMlpDenoiserInput = {}) {
    super(source);
    const config = Object.freeze(ResidualMlpDenoiserConfigSchema.parse(input));
    this.config = config;
    const { zDim, width, normGroups } = config;
    const embDim = config.timeDim + config.image.condDim;
    this.time = this.addModule('time', (rng) => new TimeEmbedding(rng, { frequencyDim: config.timeFrequencyDim, dim: config.timeDim }));
    this.image = this.addModule('image', (rng) => new ConditionImageEncoder(rng, config.image));
    this.input = this.addModule('input', (rng) => new Linear(rng, { inFeatures: zDim, outFeatures: width }));
    this.blocks = Array.from({ length: config.blocks }, (_, i) =>
      this.addModule(`block${i}`, (rng) => new FilmResidualBlock(rng, { width, embDim, normGroups })),
    );
    this.outNorm = this.addModule('outNorm', new GroupNorm({ channels: width, groups: normGroups }));
    this.output = this.addModule('output', (rng) =>
      new Linear(rng, { inFeatures: width, outFeatures: zDim, ...(config.zeroInitOutput ? { weightInit: zeroInit } : {}) }),
    );
  }

  /** zt: [B, zDim], t: int32 [B] in 1..T, x0: [B, H, W, C] -> eps-hat [B, zDim]. */
  apply(zt: tf.Tensor2D, t: tf.Tensor1D, x0: tf.Tensor4D): tf.Tensor2D {
    const b = this.checkLatent(zt, t);
    if (x0.rank !== 4 || x0.shape[0] !== b) throw new Error(`${this.label}: expected x0 of shape [${b}, H, W, C], got [${x0.shape.join(', ')}]`);
    return tf.tidy(() => this.applyEncoded(zt, t, this.image.apply(x0)));
  }

  /** This network as the EpsilonModel that epsilonLoss and the samplers take, with cond = x0. */
  asEpsilonModel(): EpsilonModel<tf.Tensor4D> {
    return (zt, t, x0) => this.apply(this.asVector(zt), t, x0);
  }

  /** The EpsilonModel for one x0, its encoding computed once (for sampling). */
  conditionedOn(x0: tf.Tensor4D): ConditionedEpsilonModel {
    const cond = this.image.apply(x0);
    return {
      model: (zt, t) =>
        tf.tidy(() => {
          const z = this.asVector(zt);
          const b = this.checkLatent(z, t);
          if (cond.shape[0] !== b) throw new Error(`${this.label}: conditioned on ${cond.shape[0]} images, got z_t of batch ${b}`);
          return this.applyEncoded(z, t, cond);
        }),
      dispose: () => cond.dispose(),
    };
  }

  /** eps-hat from z_t, t and the encoded condition c [B, condDim]. */
  private applyEncoded(zt: tf.Tensor2D, t: tf.Tensor1D, cond: tf.Tensor2D): tf.Tensor2D {
    const b = zt.shape[0];
    const e = silu(tf.concat2d([this.time.apply(t), cond], 1));
    const h = this.blocks.reduce((acc, block) => block.apply(acc, e), this.input.apply(zt));
    const normed = tf.reshape<tf.Rank.R2>(this.outNorm.apply(tf.reshape<tf.Rank.R4>(h, [b, 1, 1, this.config.width])), [b, this.config.width]);
    return this.output.apply(silu(normed));
  }

  /** Checks z_t [B, zDim] and t [B]; returns B. */
  private checkLatent(zt: tf.Tensor2D, t: tf.Tensor1D): number {
    const { zDim } = this.config;
    if (zt.rank !== 2 || zt.shape[1] !== zDim) throw new Error(`${this.label}: expected z_t of shape [B, ${zDim}], got [${zt.shape.join(', ')}]`);
    const b = zt.shape[0];
    if (t.rank !== 1 || t.shape[0] !== b) throw new Error(`${this.label}: expected t of shape [${b}], got [${t.shape.join(', ')}]`);
    return b;
  }

  private asVector(zt: tf.Tensor): tf.Tensor2D {
    if (zt.rank !== 2) throw new Error(`${this.label}: expected z_t of shape [B, ${this.config.zDim}], got [${zt.shape.join(', ')}]`);
    return zt as tf.Tensor2D;
  }
}
