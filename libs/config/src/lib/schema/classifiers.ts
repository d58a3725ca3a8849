// Section `classifiers`: the four video classifiers of Table 2 and how they are trained.
import { z } from 'zod';
import { BackboneSchema, LrScheduleSchema, OptimizerSchema } from './common';
import { bool, nonNegInt, oneOf, posInt, posIntList, posIntTuple, posNum, unit } from './primitives';

/** Per-model optimiser and batch (mmaction2 conventions differ per model). */
const ModelTrainSchema = {
  optimizer: OptimizerSchema,
  lrSchedule: LrScheduleSchema,
  batchSize: posInt(),
};

/** C3D: conv3d 3x3x3 stages separated by max-pools, then fc6 / fc7 / head. */
export const C3dSchema = z.strictObject({
  /** Frames per clip (mmaction2: 16). */
  frames: posInt(),
  /** Input side after cropping (mmaction2: 112). */
  inputSize: posInt(),
  /** Width of each of the 5 conv stages (reference: [64, 128, 256, 512, 512]). */
  widths: posIntTuple(5),
  /** Convs per stage (reference: [1, 1, 2, 2, 2]). */
  convsPerStage: posIntTuple(5),
  /** Width of fc6 and fc7 (reference: 4096). */
  fcDim: posInt(),
  dropout: unit(),
  ...ModelTrainSchema,
});

/** TSM: ResNet with a temporal shift before conv1 of every residual block; average consensus. */
export const TsmSchema = z.strictObject({
  segments: posInt(),
  inputSize: posInt(),
  backbone: BackboneSchema,
  /** 1/shiftDiv of the channels shift each way (reference: 8). */
  shiftDiv: posInt(),
  dropout: unit(),
  ...ModelTrainSchema,
});

/** TDN: short-term TDM (frame differences around each segment centre) + long-term TDM. */
export const TdnSchema = z.strictObject({
  segments: posInt(),
  inputSize: posInt(),
  backbone: BackboneSchema,
  /** Frames around each segment's centre used by the short-term TDM (reference: 5). */
  shortTermFrames: posInt(),
  /** Fusion weight of the short-term branch (reference: 0.5 / 0.5). */
  fuseWeight: unit(),
  dropout: unit(),
  ...ModelTrainSchema,
});

/**
 * ATMNet (Active Token Mixer, Active-xT: depths [2, 2, 4, 2], dims [64, 128, 320, 512]).
 * Image-only in the reference: applied per frame, averaged over time (TSN-style).
 */
export const AtmnetSchema = z.strictObject({
  segments: posInt(),
  inputSize: posInt(),
  depths: posIntList(),
  dims: posIntList(),
  mlpRatio: posNum(),
  dropout: unit(),
  ...ModelTrainSchema,
});

export const ClassifierAugmentSchema = z.strictObject({
  hflip: bool(),
  /** mmaction2-style MultiScaleCrop scales (fractions of the short side); [1] disables it. */
  cropScales: z.array(posNum(), { error: 'expected a list of positive numbers' }).min(1),
  /** Brightness/contrast jitter amplitude; 0 disables it. */
  colorJitter: unit(),
});

export const ClassifierTrainSchema = z.strictObject({
  /** Paper: 50 epochs for every model. */
  epochs: posInt(),
  /** Patience in epochs on the validation metric; 0 disables early stopping. */
  earlyStoppingPatience: nonNegInt(),
  /** Fraction of the training videos held out for validation / early stopping; 0 = none. */
  valFraction: z.number({ error: 'expected a number in [0, 0.5]' }).min(0, { error: 'expected a number in [0, 0.5]' }).max(0.5, { error: 'expected a number in [0, 0.5]' }),
  /** Metric that selects the checkpoint and drives early stopping. */
  selectOn: oneOf(['val-f1', 'val-acc', 'last'] as const),
  /** none, inverse-frequency loss weights, or oversampling of the minority class. */
  classBalancing: oneOf(['none', 'weighted-loss', 'oversample'] as const),
  augment: ClassifierAugmentSchema,
  /** Clips per test video averaged at evaluation (mmaction2 test-time views). */
  testClips: posInt(),
});

export const ClassifiersSchema = z.strictObject({
  c3d: C3dSchema,
  tsm: TsmSchema,
  tdn: TdnSchema,
  atmnet: AtmnetSchema,
  train: ClassifierTrainSchema,
});

export type ClassifiersConfig = z.infer<typeof ClassifiersSchema>;
export const CLASSIFIER_IDS = ['c3d', 'tsm', 'tdn', 'atmnet'] as const;
export type ClassifierId = (typeof CLASSIFIER_IDS)[number];
