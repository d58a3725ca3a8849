// epsilon_theta(z_t, t, x0) of stage 2 for VECTOR latents z [B, zDim] (the reference's 64-d z):
//   e = SiLU([TimeEmbedding(t) || ConditionImageEncoder(x0)])
//   h = Linear_in(z_t);  h = FilmResidualBlock_k(h, e), k = 1..N
//   eps-hat = Linear_out(SiLU(Norm(h)))
// The spatial-latent UNet is a separate network with the same EpsilonModel face.
import { tf, type RandomSource } from '@lddm/runtime';
import { GroupNorm, Linear, Module, silu } from '@lddm/nn';
import type { ConditionedEpsilonModel, EpsilonModel } from '../diffusion/epsilon-model';
import { ConditionImageEncoder, type ConditionImageEncoderConfig } from './condition-image-encoder';
import type { DenoiserConfig, ImageSpec, LatentSpec } from './create-denoiser';
import { FilmResidualBlock, zeroInit } from './film-residual-block';
import { TimeEmbedding } from './time-embedding';

/** One LayerNorm over the residual stream (GroupNorm with 1 group), as a transformer's MLP. */
const NORM_GROUPS = 1;

/** The resolved network (serialise it with the run). */
export interface ResidualMlpDenoiserConfig {
  /** Size of the latent z. */
  zDim: number;
  /** Width of the residual stream: the profile's widths, all equal. */
  width: number;
  /** Number of residual blocks N: widths.length x blocksPerLevel. */
  blocks: number;
  normGroups: number;
  /** Width of the sinusoidal timestep features: timeEmbedDim, rounded up to even. */
  timeFrequencyDim: number;
  /** Width of the learned time embedding: timeEmbedDim. */
  timeDim: number;
  image: Readonly<ConditionImageEncoderConfig>;
  zeroInitOutput: boolean;
}

export class ResidualMlpDenoiser extends Module {
  /** The parsed, frozen config (serialise it with the run). */
  readonly config: Readonly<ResidualMlpDenoiserConfig>;
  private readonly time: TimeEmbedding;
  private readonly image: ConditionImageEncoder;
  private readonly input: Linear;
  private readonly blocks: FilmResidualBlock[];
  private readonly outNorm: GroupNorm;
  private readonly output: Linear;

  /** `denoiser`: the profile's lddm.stage2.denoiser; `latent`: the vector latent [zDim]; `image`: x0's channels. */
  constructor(source: RandomSource, denoiser: DenoiserConfig, latent: LatentSpec, image: ImageSpec) {
    super(source);
    const where = 'ResidualMlpDenoiser';
    if (latent.kind !== 'vector' || latent.shape.length !== 1) throw new Error(`${where}: expected a vector latent of shape [zDim], got ${latent.kind} [${latent.shape.join(', ')}]`);
    const width = denoiser.widths[0];
    // One stream width and no dropout: refuse values this network would silently ignore.
    if (denoiser.widths.some((w) => w !== width)) throw new Error(`${where}: a vector latent's residual MLP needs equal widths, got [${denoiser.widths.join(', ')}]`);
    if (denoiser.dropout > 0) throw new Error(`${where}: the residual MLP denoiser has no dropout; set dropout to 0 for a vector latent`);
    const zDim = latent.shape[0];
    const normGroups = NORM_GROUPS;
    const timeDim = denoiser.timeEmbedDim;
    // The sinusoid pairs sin and cos: an even number of frequencies.
    const timeFrequencyDim = timeDim + (timeDim % 2);
    this.time = this.addModule('time', (rng) => new TimeEmbedding(rng, { frequencyDim: timeFrequencyDim, dim: timeDim }));
    this.image = this.addModule('image', (rng) => new ConditionImageEncoder(rng, denoiser, image.channels));
    const config = Object.freeze({
      zDim,
      width,
      blocks: denoiser.widths.length * denoiser.blocksPerLevel,
      normGroups,
      timeFrequencyDim,
      timeDim,
      image: this.image.config,
      zeroInitOutput: denoiser.zeroInitOutput,
    });
    this.config = config;
    const embDim = config.timeDim + config.image.condDim;
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
