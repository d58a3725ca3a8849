// Epoch plans and shuffled minibatches. The order of epoch e is drawn from rng.child(`epoch${e}`)
// alone, so a run resumed at epoch e sees exactly the batches an uninterrupted run would.
import type { Rng } from '@lddm/runtime';

export interface TrainLength {
  unit: 'epochs' | 'iterations';
  length: number;
}

export interface TrainingPlan {
  epochs: number;
  stepsPerEpoch: number;
  /** Optimiser steps in the whole run (the last epoch may be cut short for unit 'iterations'). */
  totalSteps: number;
}

/** Epochs and steps for `samples` items in batches of `batchSize` (the last, smaller batch is kept). */
export function trainingPlan(length: TrainLength, samples: number, batchSize: number): TrainingPlan {
  if (samples < 1) throw new Error('trainingPlan: there is nothing to train on (0 samples)');
  const stepsPerEpoch = Math.ceil(samples / Math.max(1, batchSize));
  if (length.unit === 'epochs') return { epochs: length.length, stepsPerEpoch, totalSteps: length.length * stepsPerEpoch };
  return { epochs: Math.ceil(length.length / stepsPerEpoch), stepsPerEpoch, totalSteps: length.length };
}

/** The batches of one epoch: a seeded permutation of 0..samples-1 cut into batchSize pieces. */
export function epochBatches(samples: number, batchSize: number, rng: Rng, epoch: number): Int32Array[] {
  const order = rng.child(`epoch${epoch}`).shuffle(Array.from({ length: samples }, (_, i) => i));
  const batches: Int32Array[] = [];
  for (let i = 0; i < samples; i += batchSize) batches.push(Int32Array.from(order.slice(i, i + batchSize)));
  return batches;
}

/** Rows `indices` of a [N, ...rowShape] Float32Array, as one contiguous array. */
export function gatherRows(data: Float32Array, rowSize: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * rowSize);
  for (let k = 0; k < indices.length; k++) out.set(data.subarray(indices[k] * rowSize, (indices[k] + 1) * rowSize), k * rowSize);
  return out;
}

/** Arrays of rows, one after the other, as one contiguous array. */
export function concatRows(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
