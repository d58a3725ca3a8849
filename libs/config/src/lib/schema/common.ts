// Building blocks shared by several sections: optimisers, learning-rate schedules, training
// length and ResNet-style backbones.
import { z } from 'zod';
import { betas, bool, nonNegNum, oneOf, posInt, posIntList, posNum, unit } from './primitives';

/** Adam / AdamW / SGD. Fields that do not apply to the chosen kind are ignored (and recorded). */
export const OptimizerSchema = z.strictObject({
  kind: oneOf(['adam', 'adamw', 'sgd'] as const),
  lr: posNum(),
  /** Adam(W) betas. */
  betas: betas(),
  /** SGD momentum. */
  momentum: unit(),
  weightDecay: nonNegNum(),
  /** Adam(W) AMSGrad variant. */
  amsgrad: bool(),
  /** Global gradient-norm clip; 0 disables clipping. */
  gradClip: nonNegNum(),
});
export type OptimizerConfig = z.infer<typeof OptimizerSchema>;

/**
 * Learning-rate schedule, stepped once per epoch.
 * none: constant; exponential: lr * gamma^epoch; step: lr * gamma^floor(epoch / stepSize);
 * cosine: cosine annealing to 0 over the run.
 */
export const LrScheduleSchema = z.strictObject({
  kind: oneOf(['none', 'exponential', 'step', 'cosine'] as const),
  gamma: posNum(),
  stepSize: posInt(),
});
export type LrScheduleConfig = z.infer<typeof LrScheduleSchema>;

/** How long to train: a number of epochs (passes over the training clips) or of optimiser steps. */
export const TrainLengthSchema = z.strictObject({
  unit: oneOf(['epochs', 'iterations'] as const),
  length: posInt(),
});
export type TrainLengthConfig = z.infer<typeof TrainLengthSchema>;

/**
 * A ResNet-style 2D backbone. ResNet-18: basic [2,2,2,2]; ResNet-50: bottleneck [3,4,6,3];
 * widths are the stage widths before the bottleneck expansion (x4).
 */
export const BackboneSchema = z.strictObject({
  block: oneOf(['basic', 'bottleneck'] as const),
  layers: posIntList(),
  widths: posIntList(),
  stemWidth: posInt(),
});
export type BackboneConfig = z.infer<typeof BackboneSchema>;
