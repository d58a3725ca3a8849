import { Rng } from '@lddm/runtime';
import { createOptimizer } from '@lddm/nn';
import { describe, expect, it } from 'vitest';
import { runTraining } from './training-loop';

const optimizer = () => createOptimizer({ kind: 'sgd', lr: 0.1, betas: [0.9, 0.999], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 });

describe('runTraining', () => {
  it('epochs: every row once per epoch; the learning rate follows the schedule per epoch', () => {
    const opt = optimizer();
    const seen: number[][] = [];
    const lrs: number[] = [];
    const history = runTraining(5, { train: { unit: 'epochs', length: 3 }, batchSize: 2, optimizer: opt, rng: new Rng(1), lrSchedule: { kind: 'step', gamma: 0.5, stepSize: 1 } }, (batch) => {
      seen.push(batch);
      lrs.push(opt.learningRate);
      return { loss: batch.length };
    });
    expect(history.map((h) => h.epoch)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    for (let e = 0; e < 3; e++) expect(seen.slice(3 * e, 3 * e + 3).flat().sort()).toEqual([0, 1, 2, 3, 4]);
    expect(lrs).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025]);
  });

  it('iterations: exactly that many steps across epochs; onStep sees each; a non-finite loss stops the run', () => {
    const steps: number[] = [];
    const history = runTraining(3, { train: { unit: 'iterations', length: 7 }, batchSize: 2, optimizer: optimizer(), rng: new Rng(1), onStep: (s) => steps.push(s) }, () => ({ loss: 1 }));
    expect(history).toHaveLength(7);
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(history.at(-1)?.epoch).toBe(3);
    expect(() => runTraining(3, { train: { unit: 'iterations', length: 2 }, batchSize: 2, optimizer: optimizer(), rng: new Rng(1) }, () => ({ loss: Number.NaN }))).toThrow(/NaN at step 0/);
  });
});
