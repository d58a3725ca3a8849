// The loop both training helpers share: epochs of seeded shuffled batches, one optimiser step per
// batch, the learning rate stepped once per epoch, until `train.length` epochs or iterations.
// No registry and no file IO: callers (the CLIs) persist what onStep and the history give them.
import type { Rng } from '@lddm/runtime';
import { learningRate, type Optimizer } from '@lddm/nn';
import type { LrScheduleConfig } from '@lddm/config';
import { epochBatches } from './batches';

export interface TrainOptions<L> {
  /** As the profile's TrainLengthSchema: a number of epochs or of optimiser steps. */
  train: { unit: 'epochs' | 'iterations'; length: number };
  batchSize: number;
  optimizer: Optimizer;
  /** Stepped at the start of every epoch from the optimiser's initial learning rate (default: constant). */
  lrSchedule?: LrScheduleConfig;
  /** Shuffles the data (and draws any noise the step needs). */
  rng: Rng;
  /** Called after every step with the 0-based step index, the epoch and that step's losses. */
  onStep?: (step: number, losses: L, epoch: number) => void;
}

export interface StepRecord<L> {
  step: number;
  epoch: number;
  losses: L;
}

/** Runs `step(batchRows)` over `rows` rows as `options` say; returns every step's losses. */
export function runTraining<L extends { loss: number }>(rows: number, options: TrainOptions<L>, step: (batch: number[]) => L): Array<StepRecord<L>> {
  const { train, batchSize, optimizer, rng } = options;
  if (!Number.isInteger(train.length) || train.length < 1) throw new Error(`training: length must be a positive integer, got ${train.length}`);
  const perEpoch = Math.ceil(rows / batchSize);
  const totalSteps = train.unit === 'epochs' ? train.length * perEpoch : train.length;
  const totalEpochs = Math.ceil(totalSteps / perEpoch);
  const baseLr = optimizer.learningRate;
  const history: Array<StepRecord<L>> = [];
  for (let epoch = 0; history.length < totalSteps; epoch++) {
    if (options.lrSchedule !== undefined) optimizer.learningRate = learningRate(options.lrSchedule, baseLr, epoch, totalEpochs);
    for (const batch of epochBatches(rows, batchSize, rng)) {
      if (history.length >= totalSteps) break;
      const losses = step(batch);
      if (!Number.isFinite(losses.loss)) throw new Error(`training: the loss is ${losses.loss} at step ${history.length} (epoch ${epoch})`);
      options.onStep?.(history.length, losses, epoch);
      history.push({ step: history.length, epoch, losses });
    }
  }
  return history;
}
