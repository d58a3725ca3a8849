// What both cINN trainers take, and how they map onto @lddm/nn's trainLoop (seeded epoch batches,
// per-step callbacks, the learning rate stepped per epoch, checkpoints and resume).
import type { Rng } from '@lddm/runtime';
import { learningRate, type Module, type Optimizer, type StepLosses, type TrainLoopOptions } from '@lddm/nn';
import type { DeepReadonly, LrScheduleConfig } from '@lddm/config';

export interface CinnTrainOptions {
  /** As the profile's TrainLengthSchema: a number of epochs or of optimiser steps. */
  train: { unit: 'epochs' | 'iterations'; length: number };
  batchSize: number;
  optimizer: Optimizer;
  /** Stepped at the start of every epoch from the optimiser's initial learning rate (default: constant). */
  lrSchedule?: DeepReadonly<LrScheduleConfig>;
  /** Shuffles the data; each step's noise comes from its named child. */
  rng: Rng;
  /** After every step: 1-based step, that step's losses, 0-based epoch. */
  onStep?: (step: number, losses: StepLosses, epoch: number) => void;
  /** Checkpoint of the module and its optimiser after every epoch; resumed from when present. */
  checkpoint?: { path: string; resume?: boolean };
}

/** The number of rows in `data`, checking that it holds whole rows of `rowSize`. */
export function rowCount(where: string, data: Float32Array, rowSize: number): number {
  if (data.length === 0 || data.length % rowSize !== 0) {
    throw new Error(`${where}: expected a non-empty array of rows of ${rowSize} values, got ${data.length} values`);
  }
  return data.length / rowSize;
}

export function loopOptions(label: string, module: Module, samples: number, options: CinnTrainOptions, step: TrainLoopOptions['step']): TrainLoopOptions {
  const baseLr = options.optimizer.learningRate;
  const { lrSchedule } = options;
  return {
    label,
    samples,
    batchSize: options.batchSize,
    length: options.train,
    rng: options.rng.child('batches'),
    beforeEpoch: lrSchedule === undefined ? undefined : (epoch, plan) => (options.optimizer.learningRate = learningRate(lrSchedule, baseLr, epoch, plan.epochs)),
    step,
    onStep: options.onStep,
    checkpoint: options.checkpoint === undefined ? undefined : { ...options.checkpoint, state: { modules: { model: module }, optimizers: { model: options.optimizer } } },
  };
}
