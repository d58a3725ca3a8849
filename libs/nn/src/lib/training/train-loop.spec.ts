import { existsSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, previousCheckpointPath, Rng, tf } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Linear } from '../linear';
import { createOptimizer } from '../optimizer';
import { epochBatches, gatherRows, trainingPlan } from './minibatches';
import { trainLoop } from './train-loop';

const dir = mkdtempSync(join(tmpdir(), 'train-loop-'));
beforeAll(async () => {
  process.env.LDDM_PROGRESS = 'off';
  await initBackend('wasm');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trainingPlan and epochBatches', () => {
  it('counts epochs and steps for both units', () => {
    expect(trainingPlan({ unit: 'epochs', length: 3 }, 10, 4)).toEqual({ epochs: 3, stepsPerEpoch: 3, totalSteps: 9 });
    expect(trainingPlan({ unit: 'iterations', length: 7 }, 10, 4)).toEqual({ epochs: 3, stepsPerEpoch: 3, totalSteps: 7 });
    expect(() => trainingPlan({ unit: 'epochs', length: 1 }, 0, 4)).toThrow(/nothing to train/);
  });
  it('covers every sample once per epoch, the same way for the same seed and epoch', () => {
    const a = epochBatches(10, 4, new Rng(3), 2);
    expect(a.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(a.flatMap((b) => Array.from(b)).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochBatches(10, 4, new Rng(3), 2)).toEqual(a);
    expect(epochBatches(10, 4, new Rng(3), 3)).not.toEqual(a);
  });
  it('gathers rows', () => {
    expect(Array.from(gatherRows(Float32Array.from([0, 1, 2, 3, 4, 5]), 2, [2, 0]))).toEqual([4, 5, 0, 1]);
  });
});

function problem() {
  const x = tf.randomNormal<tf.Rank.R2>([12, 3], 0, 1, 'float32', 1);
  const y = tf.matMul(x, tf.tensor2d([[1], [-2], [0.5]]));
  return { x: x.dataSync() as Float32Array, y: y.dataSync() as Float32Array };
}

async function train(path: string, crashAtEpoch?: number) {
  const { x, y } = problem();
  const model = new Linear(7, { inFeatures: 3, outFeatures: 1 });
  const optimizer = createOptimizer({ kind: 'adam', lr: 0.05, betas: [0.9, 0.999], momentum: 0, weightDecay: 0, amsgrad: true, gradClip: 0 });
  const losses: number[] = [];
  const result = await trainLoop({
    label: 'test',
    samples: 12,
    batchSize: 5,
    length: { unit: 'epochs', length: 4 },
    rng: new Rng(11),
    checkpoint: { path, state: { modules: { model }, optimizers: { model: optimizer } }, resume: true },
    step: (idx, at) => {
      if (at.epoch === crashAtEpoch) throw new Error('simulated crash');
      return {
        loss: optimizer.step(model, () => {
          const xb = tf.tensor2d(gatherRows(x, 3, idx), [idx.length, 3]);
          const yb = tf.tensor2d(gatherRows(y, 1, idx), [idx.length, 1]);
          return tf.mean<tf.Scalar>(tf.squaredDifference(model.apply(xb), yb));
        }),
      };
    },
    onStep: (_s, l) => losses.push(l.loss),
  });
  const weights = Array.from(model.parameters()[0].dataSync());
  model.dispose();
  optimizer.dispose();
  return { result, weights, losses };
}

describe('trainLoop', () => {
  it('resumes after a crash at the next epoch and ends where an uninterrupted run ends', async () => {
    const straight = await train(join(dir, 'a.ckpt'));
    expect(straight.result.steps).toBe(12);
    expect(straight.losses.at(-1)).toBeLessThan(straight.losses[0]);
    await expect(train(join(dir, 'b.ckpt'), 2)).rejects.toThrow(/simulated crash/);
    const resumed = await train(join(dir, 'b.ckpt'));
    expect(resumed.result.resumedAtEpoch).toBe(2);
    expect(resumed.losses).toHaveLength(6);
    expect(resumed.losses).toEqual(straight.losses.slice(6));
    expect(resumed.weights).toEqual(straight.weights);
  });

  it('a damaged latest checkpoint falls back to the previous one, then to the start, with a warning; never strands the run', async () => {
    const straight = await train(join(dir, 'c0.ckpt'));
    const path = join(dir, 'c.ckpt');
    await expect(train(path, 3)).rejects.toThrow(/simulated crash/);
    // epochs 0, 1, 2 were checkpointed: the latest (epoch 2) and the previous (epoch 1) are on disk
    expect(existsSync(previousCheckpointPath(path))).toBe(true);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const warnings: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((m: string) => void warnings.push(m));
    try {
      const resumed = await train(path);
      expect(resumed.result.resumedAtEpoch).toBe(2); // from epoch 1's checkpoint
      expect(resumed.weights).toEqual(straight.weights); // and on the same trajectory
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/c\.ckpt is not a valid checkpoint: .*; moved it to .*c\.ckpt\.corrupt and resuming from the previous checkpoint/);
      expect(existsSync(`${path}.corrupt`)).toBe(true);
      // a finished run keeps no fallback copy
      expect(existsSync(previousCheckpointPath(path))).toBe(false);
      // both damaged: from the start
      const both = join(dir, 'd.ckpt');
      await expect(train(both, 3)).rejects.toThrow(/simulated crash/);
      for (const p of [both, previousCheckpointPath(both)]) writeFileSync(p, 'not a checkpoint');
      warnings.length = 0;
      const fresh = await train(both);
      expect(fresh.result.resumedAtEpoch).toBe(0);
      expect(fresh.weights).toEqual(straight.weights);
      expect(warnings).toHaveLength(2);
      expect(warnings[1]).toMatch(/resuming from the start/);
    } finally {
      warn.mockRestore();
    }
  });

  it('stops with a clear error on a non-finite loss', async () => {
    await expect(
      trainLoop({ label: 'nan', samples: 4, batchSize: 2, length: { unit: 'epochs', length: 2 }, rng: new Rng(1), step: () => ({ loss: NaN }) }),
    ).rejects.toThrow(/nan: the loss loss is NaN at step 1 \(epoch 1\)/);
  });
});
