// Section `cinn`: the baseline of Dorkenwald et al. 2021 (docs/method.md "cINN baseline").
import { z } from 'zod';
import { BackboneSchema, LrScheduleSchema, OptimizerSchema, TrainLengthSchema } from './common';
import { bool, int, nonNegNum, oneOf, posInt, posIntList, posNum } from './primitives';

/** Image encoder of x0, trained as a VAE with a decoder; only the encoder's mean is kept. */
export const CondEncoderSchema = z.strictObject({
  /** Reference: ResNet-50 (bottleneck [3, 4, 6, 3]), not pretrained. */
  backbone: BackboneSchema,
  /** Size of the condition c (reference: 128). */
  cDim: posInt(),
  /** Clamp of the log-variance [lo, hi] (reference: [-30, 10]). */
  logvarClamp: z.tuple([int(), int()], { error: 'expected [lo, hi] integers' }),
  /** Base width of the VAE's image decoder (discarded after training). */
  decoderNf: posInt(),
  /** KL weight of the VAE objective. */
  klWeight: nonNegNum(),
  optimizer: OptimizerSchema,
  batchSize: posInt(),
  train: TrainLengthSchema,
});

/** Conditional invertible network on the video latent. */
export const FlowSchema = z.strictObject({
  /** Flow blocks: ActNorm -> invertible leaky ReLU -> double affine coupling -> permutation. */
  blocks: posInt(),
  /** Hidden widths of each coupling MLP (reference: 512-512-512). */
  hidden: posIntList(),
  /** Negative slope of the coupling MLPs' LeakyReLU (reference: 0.01). */
  mlpSlope: posNum(),
  /** Slope of the invertible leaky ReLU between blocks (reference: 0.9). */
  leakyAlpha: posNum(),
  /**
   * Add the invertible leaky ReLU's log|det| to the objective. The reference silently adds 0;
   * the correct value is our default (true). Set false to match the reference.
   */
  leakyLogdet: bool(),
  /** ActNorm is initialised from the first batch (reference). */
  actnormInit: oneOf(['data', 'identity'] as const),
  /** Fixed permutation after each block. */
  permutation: oneOf(['random', 'reverse'] as const),
});

export const CinnSchema = z.strictObject({
  /**
   * true: sample z from LDDM's frozen stage-1 encoder and decode with its decoder (isolates the
   * latent generator: diffusion vs flow). false: train the cINN's own stage 1 (lddm.stage1's
   * values with a vector latent of latentDim), as in the reference.
   */
  shareStage1: bool(),
  /** Size of the video latent the flow models (reference: 64). */
  latentDim: posInt(),
  condEncoder: CondEncoderSchema,
  flow: FlowSchema,
  /** Reference: Adam lr 1e-5, betas (0.9, 0.99), AMSGrad. */
  optimizer: OptimizerSchema,
  /** Reference: StepLR(6, 0.5). */
  lrSchedule: LrScheduleSchema,
  /** Reference: 50. */
  batchSize: posInt(),
  /** Reference: 31 epochs. */
  train: TrainLengthSchema,
});

export type CinnConfig = z.infer<typeof CinnSchema>;
