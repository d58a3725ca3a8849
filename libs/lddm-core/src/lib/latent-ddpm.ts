// Stage 2 of LDDM as one trainable unit: the noise schedule, the denoiser epsilon_theta(z_t, t, x0)
// and the latent normalisation, with the paper's loss (eq. 3) and sampling written out here.
// The encoder's latents have no fixed scale (the KL weight is 1e-6), so, as latent diffusion does
// (Rombach et al. 2022, sec. 4.3.2), z is standardised before diffusion and mapped back after
// sampling. Standardised is what stage 2 trains on, z = mu + sigma * eps drawn afresh each step,
// i.e. the mixture q(z) = (1/N) sum_i N(mu_i, sigma_i^2): per latent channel (the last axis; each
// dimension of a vector latent) its mean is mean(mu) and its variance var(mu) + mean(sigma^2).
// Fitting on the means alone left the diffused data at more than unit scale wherever sigma is
// not small. Mean and std are buffers, saved with the weights.
import type { DeepReadonly, Stage2Config } from '@lddm/config';
import { tf, type Rng } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import { DdimSampler } from './diffusion/ddim-sampler';
import { DdpmSampler } from './diffusion/ddpm-sampler';
import { createDenoiser, type ImageSpec, type LatentDenoiser, type LatentSpec } from './denoiser/create-denoiser';
import type { ConditionedEpsilonModel } from './diffusion/epsilon-model';
import { diffusionLoss } from './diffusion/loss';
import { NoiseSchedule } from './diffusion/noise-schedule';
import { sampleLoop, type Sampler, type SamplerStep } from './diffusion/sampler';

/** The profile's lddm.stage2.sampler (DDIM's clipDenoised acts in the standardised latent space). */
export type SamplerChoice = DeepReadonly<Stage2Config['sampler']>;

export class LatentDdpm extends Module {
  readonly schedule: NoiseSchedule;
  readonly latentShape: readonly number[];
  readonly denoiser: LatentDenoiser;
  private readonly mean: tf.Variable;
  private readonly std: tf.Variable;

  /**
   * `stage2`: the profile's lddm.stage2 (T, the schedule, the denoiser); `latent`: the stage-1 latent
   * per sample; `image`: x0's size and channels. The denoiser draws from rng.child('denoiser').
   */
  constructor(rng: Rng, stage2: DeepReadonly<Pick<Stage2Config, 'timesteps' | 'schedule' | 'denoiser'>>, latent: LatentSpec, image: ImageSpec) {
    super(rng);
    this.schedule = new NoiseSchedule(stage2);
    this.latentShape = Object.freeze([...latent.shape]);
    this.denoiser = this.addModule('denoiser', (r) => createDenoiser(r, stage2.denoiser, latent, image));
    const channels = this.latentShape[this.latentShape.length - 1];
    this.mean = this.addBuffer('latentMean', tf.zeros([channels]));
    this.std = this.addBuffer('latentStd', tf.ones([channels]));
  }

  /**
   * Sets the standardisation from the training posteriors (call once, before training): per
   * channel, the mean and std of z = mu + sigma * eps over the clips (see the header). Without
   * logvar, of the given latents themselves.
   */
  fitNormalisation(latents: { mu: Float32Array; logvar?: Float32Array }): { mean: number[]; std: number[] } {
    const { mu, logvar } = latents;
    const c = this.latentShape[this.latentShape.length - 1];
    if (mu.length === 0 || mu.length % c !== 0 || (logvar !== undefined && logvar.length !== mu.length)) {
      throw new Error(`LatentDdpm.fitNormalisation: ${mu.length} means${logvar ? ` and ${logvar.length} log-variances` : ''} do not fill latents with ${c} channels`);
    }
    const rows = mu.length / c;
    const sum = new Float64Array(c);
    const sigma2 = new Float64Array(c);
    for (let i = 0; i < mu.length; i++) {
      sum[i % c] += mu[i];
      if (logvar !== undefined) sigma2[i % c] += Math.exp(logvar[i]);
    }
    const mean = Array.from(sum, (s) => s / rows);
    const sq = new Float64Array(c);
    for (let i = 0; i < mu.length; i++) sq[i % c] += (mu[i] - mean[i % c]) ** 2;
    const std = Array.from(sq, (q, k) => Math.sqrt(q / rows + sigma2[k] / rows) || 1);
    this.mean.assign(tf.tensor1d(mean));
    this.std.assign(tf.tensor1d(std));
    return { mean, std };
  }

  get normalisation(): { mean: number[]; std: number[] } {
    return { mean: Array.from(this.mean.dataSync()), std: Array.from(this.std.dataSync()) };
  }

  /** z -> (z - mean) / std, the space the diffusion runs in. */
  normalise(z: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.div(tf.sub(z, this.mean), this.std));
  }

  denormalise(zn: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.add(tf.mul(zn, this.std), this.mean));
  }

  /** The paper's eq. 3 on a batch of clean latents z0 [B, ...latent] given x0 [B, H, W, C]. */
  loss(z0: tf.Tensor, x0: tf.Tensor4D, rng: Rng): tf.Scalar {
    this.checkLatent(z0, 'loss');
    return tf.tidy(() => diffusionLoss({ schedule: this.schedule, model: this.denoiser.asEpsilonModel(), z0: this.normalise(z0), cond: x0, rng }));
  }

  sampler(choice: SamplerChoice): Sampler {
    // ddimSteps <= T is the profile's check (libs/config); ddimTimesteps refuses more.
    return choice.kind === 'ddpm' ? new DdpmSampler(this.schedule, choice) : new DdimSampler(this.schedule, choice);
  }

  /** z' ~ p(z | x0): the reverse process from z_T ~ N(0, I), then back to the encoder's scale. */
  sample(x0: tf.Tensor4D, options: { sampler: Sampler; rng: Rng; onStep?: (info: SamplerStep) => void }): tf.Tensor {
    const wasTraining = this.training;
    this.eval();
    // x0's features are computed once for all the sampler's steps (identical to asEpsilonModel's).
    let conditioned: ConditionedEpsilonModel | undefined;
    try {
      conditioned = this.denoiser.conditionedOn(x0);
      const zn = sampleLoop(options.sampler, {
        model: conditioned.model,
        shape: [x0.shape[0], ...this.latentShape],
        cond: undefined,
        rng: options.rng,
        onStep: options.onStep,
      });
      const z = this.denormalise(zn);
      zn.dispose();
      return z;
    } finally {
      conditioned?.dispose();
      this.train(wasTraining);
    }
  }

  private checkLatent(z: tf.Tensor, where: string): void {
    const ok = z.rank === this.latentShape.length + 1 && this.latentShape.every((d, i) => z.shape[i + 1] === d);
    if (!ok) throw new Error(`LatentDdpm.${where}: expected latents [B, ${this.latentShape.join(', ')}], got [${z.shape.join(', ')}]`);
  }
}
