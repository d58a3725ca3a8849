// epsilon_theta(z_t, t, x0) of stage 2 for SPATIO-TEMPORAL latents z [B, T', h, w, c] (the paper's
// z of shape [T/r, H/r, W/r, C]): the DDPM / ADM U-Net (Ho et al. 2020; Dhariwal & Nichol 2021)
// with 3x3x3 convolutions and spatial-only resampling.
//   e = SiLU([TimeEmbedding(t) || c]),  (c, F) = ConditionImageEncoder.encode(x0, grid)
//   h = Conv_in([z_t || F broadcast over T'])        (F only with spatialCondition)
//   down: per level, blocksPerLevel UNetResBlock3D(h, e), then SpatialDownsample3D where h, w allow;
//         every output is kept as a skip
//   middle: middleBlocks UNetResBlock3D
//   up: per level (reversed), blocksPerLevel + 1 blocks on [h || skip], then SpatialUpsample3D
//   eps-hat = Conv_out(SiLU(GN(h)))
// No attention layers (ADM has them at 16x16 and below): at these latent sizes a few 3x3x3 convs
// already see the whole grid.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv3d, GroupNorm, Module, silu } from '@lddm/nn';
import type { ConditionedEpsilonModel, EpsilonModel } from '../diffusion/epsilon-model';
import { ConditionImageEncoder, type ConditionFeatures } from './condition-image-encoder';
import { zeroInit } from './film-residual-block';
import { TimeEmbedding } from './time-embedding';
import { commonGroups } from '../common-groups';
import type { DenoiserConfig, ImageSpec, LatentSpec } from './create-denoiser';
import { UNET_MAX_GROUPS, UNET_MIDDLE_BLOCKS, unetLevelGrid, type UNet3dDenoiserConfig } from './unet-3d-config';
import { UNetResBlock3D } from './unet-res-block-3d';
import { SpatialDownsample3D, SpatialUpsample3D } from './spatial-resample-3d';

interface Level {
  blocks: UNetResBlock3D[];
  /** Down path: after the blocks; up path: after the blocks. Absent where the level keeps h, w. */
  resample: SpatialDownsample3D | SpatialUpsample3D | undefined;
}

export class UNet3dDenoiser extends Module {
  /** The parsed, frozen config (serialise it with the run). */
  readonly config: Readonly<UNet3dDenoiserConfig>;
  /** [h, w] of each level. */
  readonly levelGrid: ReadonlyArray<readonly [number, number]>;
  private readonly time: TimeEmbedding;
  private readonly image: ConditionImageEncoder;
  private readonly input: Conv3d;
  private readonly down: Level[];
  private readonly middle: UNetResBlock3D[];
  private readonly up: Level[];
  private readonly outNorm: GroupNorm;
  private readonly output: Conv3d;

  /** `denoiser`: the profile's lddm.stage2.denoiser; `latent`: the spatio-temporal latent [T', h, w, c]; `image`: x0's channels. */
  constructor(source: RandomSource, denoiser: DenoiserConfig, spec: LatentSpec, image: ImageSpec) {
    super(source);
    if (spec.kind !== 'spatiotemporal' || spec.shape.length !== 4) throw new Error(`UNet3dDenoiser: expected a spatiotemporal latent of shape [T', h, w, c], got ${spec.kind} [${spec.shape.join(', ')}]`);
    const [frames, height, width, latentChannels] = spec.shape;
    const latent = { frames, height, width, channels: latentChannels };
    const widths = Object.freeze([...denoiser.widths]);
    const { blocksPerLevel, dropout } = denoiser;
    const normGroups = commonGroups(widths, UNET_MAX_GROUPS);
    const timeDim = denoiser.timeEmbedDim;
    // The sinusoid pairs sin and cos: an even number of frequencies.
    const timeFrequencyDim = timeDim + (timeDim % 2);
    const levels = widths.length;
    this.levelGrid = Object.freeze(unetLevelGrid(latent.height, latent.width, levels));
    const embDim = timeDim + denoiser.condDim;
    const block = (name: string, inChannels: number, outChannels: number): UNetResBlock3D =>
      this.addModule(name, (rng) => new UNetResBlock3D(rng, { inChannels, outChannels, embDim, normGroups, dropout }));
    const shrinks = (l: number): boolean => l + 1 < levels && this.levelGrid[l + 1][0] !== this.levelGrid[l][0];

    this.time = this.addModule('time', (rng) => new TimeEmbedding(rng, { frequencyDim: timeFrequencyDim, dim: timeDim }));
    this.image = this.addModule('image', (rng) => new ConditionImageEncoder(rng, denoiser, image.channels));
    const config = Object.freeze({
      latent,
      widths,
      blocksPerLevel,
      middleBlocks: UNET_MIDDLE_BLOCKS,
      normGroups,
      timeFrequencyDim,
      timeDim,
      image: this.image.config,
      spatialCondition: denoiser.spatialCondition,
      dropout,
      zeroInitOutput: denoiser.zeroInitOutput,
    });
    this.config = config;
    const inChannels = latent.channels + (config.spatialCondition ? this.image.mapChannels : 0);
    this.input = this.addModule('input', (rng) => new Conv3d(rng, { inChannels, outChannels: widths[0], kernel: 3, padding: 1 }));

    // Channels of every skip, in push order (the up path pops them in reverse).
    const skips = [widths[0]];
    let channels = widths[0];
    this.down = widths.map((width, l) => {
      const blocks = Array.from({ length: blocksPerLevel }, (_, b) => {
        const made = block(`down${l}_block${b}`, channels, width);
        channels = width;
        skips.push(width);
        return made;
      });
      if (l + 1 < levels) skips.push(width);
      const resample = shrinks(l) ? this.addModule(`down${l}_sample`, (rng) => new SpatialDownsample3D(rng, width)) : undefined;
      return { blocks, resample };
    });
    this.middle = Array.from({ length: config.middleBlocks }, (_, b) => block(`middle${b}`, channels, channels));
    this.up = widths.map((_, i) => {
      const l = levels - 1 - i;
      const blocks = Array.from({ length: blocksPerLevel + 1 }, (_, b) => {
        const made = block(`up${l}_block${b}`, channels + (skips.pop() ?? 0), widths[l]);
        channels = widths[l];
        return made;
      });
      const resample = l > 0 && shrinks(l - 1) ? this.addModule(`up${l}_sample`, (rng) => new SpatialUpsample3D(rng, widths[l])) : undefined;
      return { blocks, resample };
    });
    this.outNorm = this.addModule('outNorm', new GroupNorm({ channels, groups: normGroups }));
    this.output = this.addModule('output', (rng) =>
      new Conv3d(rng, { inChannels: channels, outChannels: latent.channels, kernel: 3, padding: 1, ...(config.zeroInitOutput ? { weightInit: zeroInit } : {}) }),
    );
  }

  /** zt: [B, T', h, w, c], t: int32 [B] in 1..T, x0: [B, H, W, C] -> eps-hat [B, T', h, w, c]. */
  apply(zt: tf.Tensor5D, t: tf.Tensor1D, x0: tf.Tensor4D): tf.Tensor5D {
    const b = this.checkLatent(zt, t);
    if (x0.rank !== 4 || x0.shape[0] !== b) throw new Error(`${this.label}: expected x0 of shape [${b}, H, W, C], got [${x0.shape.join(', ')}]`);
    return tf.tidy(() => this.applyEncoded(zt, t, this.encodeCondition(x0)));
  }

  /** This network as the EpsilonModel that epsilonLoss and the samplers take, with cond = x0. */
  asEpsilonModel(): EpsilonModel<tf.Tensor4D> {
    return (zt, t, x0) => this.apply(this.asGrid(zt), t, x0);
  }

  /** The EpsilonModel for one x0, its encoding (vector and map) computed once (for sampling). */
  conditionedOn(x0: tf.Tensor4D): ConditionedEpsilonModel {
    const cond = this.encodeCondition(x0);
    return {
      model: (zt, t) =>
        tf.tidy(() => {
          const z = this.asGrid(zt);
          const b = this.checkLatent(z, t);
          if (cond.vector.shape[0] !== b) throw new Error(`${this.label}: conditioned on ${cond.vector.shape[0]} images, got z_t of batch ${b}`);
          return this.applyEncoded(z, t, cond);
        }),
      dispose: () => {
        cond.vector.dispose();
        cond.map.dispose();
      },
    };
  }

  private encodeCondition(x0: tf.Tensor4D): ConditionFeatures {
    return this.image.encode(x0, [this.config.latent.height, this.config.latent.width]);
  }

  /** eps-hat from z_t, t and x0's encoding (its vector and its feature map on the latent grid). */
  private applyEncoded(zt: tf.Tensor5D, t: tf.Tensor1D, cond: ConditionFeatures): tf.Tensor5D {
    const { frames } = this.config.latent;
    const { vector, map } = cond;
    const e = silu(tf.concat2d([this.time.apply(t), vector], 1));
    // F(x0) is the same for every latent frame: [B, h, w, C_F] -> [B, T', h, w, C_F] (a broadcast
    // product rather than tf.tile, which has no rank-5 gradient in tfjs).
    const perFrame = (): tf.Tensor5D => tf.mul(tf.expandDims<tf.Tensor5D>(map, 1), tf.ones([1, frames, 1, 1, 1]));
    const inputs = this.config.spatialCondition ? [zt, perFrame()] : [zt];
    let h = this.input.apply(tf.concat(inputs, 4));
    const skips = [h];
    this.down.forEach(({ blocks, resample }, l) => {
      for (const block of blocks) skips.push((h = block.apply(h, e)));
      if (l + 1 < this.down.length) skips.push((h = resample === undefined ? h : resample.apply(h)));
    });
    for (const block of this.middle) h = block.apply(h, e);
    for (const { blocks, resample } of this.up) {
      for (const block of blocks) {
        const skip = skips.pop();
        if (skip === undefined) throw new Error(`${this.label}: skip stack exhausted (a construction bug)`);
        h = block.apply(tf.concat([h, skip], 4), e);
      }
      if (resample !== undefined) h = resample.apply(h);
    }
    return this.output.apply(silu(this.outNorm.apply(h)));
  }

  /** Checks z_t [B, T', h, w, c] and t [B]; returns B. */
  private checkLatent(zt: tf.Tensor5D, t: tf.Tensor1D): number {
    const { frames, height, width, channels } = this.config.latent;
    if (zt.rank !== 5 || !tf.util.arraysEqual(zt.shape.slice(1), [frames, height, width, channels])) {
      throw new Error(`${this.label}: expected z_t of shape [B, ${frames}, ${height}, ${width}, ${channels}], got [${zt.shape.join(', ')}]`);
    }
    const b = zt.shape[0];
    if (t.rank !== 1 || t.shape[0] !== b) throw new Error(`${this.label}: expected t of shape [${b}], got [${t.shape.join(', ')}]`);
    return b;
  }

  private asGrid(zt: tf.Tensor): tf.Tensor5D {
    if (zt.rank !== 5) throw new Error(`${this.label}: expected z_t of rank 5 [B, T', h, w, c], got [${zt.shape.join(', ')}]`);
    return zt as tf.Tensor5D;
  }
}
