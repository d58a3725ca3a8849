import { initBackend, Rng, tf } from '@lddm/runtime';
import type { OptimizerConfig } from '@lddm/config';
import { createOptimizer } from '@lddm/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionalFlow } from '../flow/conditional-flow';
import { smallFlow } from '../testing/small-configs';
import { trainFlow } from './train-flow';

beforeAll(async () => {
  await initBackend('wasm');
});

const ADAM: OptimizerConfig = { kind: 'adam', lr: 1e-2, betas: [0.9, 0.99], momentum: 0, weightDecay: 0, amsgrad: true, gradClip: 0 };

/** A toy conditional density: one-hot c = [1, 0] -> z ~ N((2, 2), 0.3^2 I); c = [0, 1] -> N((-2, -2), 0.3^2 I). */
function twoModes(n: number, seed: number): { latents: Float32Array; conds: Float32Array } {
  const rng = new Rng(seed);
  const latents = new Float32Array(2 * n);
  const conds = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const mode = i % 2;
    const centre = mode === 0 ? 2 : -2;
    latents[2 * i] = centre + 0.3 * rng.normal();
    latents[2 * i + 1] = centre + 0.3 * rng.normal();
    conds[2 * i + mode] = 1;
  }
  return { latents, conds };
}

describe('trainFlow', () => {
  it('NLL falls on a 2-mode conditional Gaussian and samples given each condition land on its mode', async () => {
    const flow = new ConditionalFlow(3, smallFlow({ latentDim: 2, condDim: 2, blocks: 2, hidden: [32, 32] }));
    const { latents, conds } = twoModes(512, 1);
    const optimizer = createOptimizer(ADAM);
    const history: Array<{ step: number; epoch: number; loss: number }> = [];
    const result = await trainFlow(flow, latents, conds, {
      train: { unit: 'iterations', length: 80 },
      batchSize: 128,
      optimizer,
      lrSchedule: { kind: 'step', gamma: 0.5, stepSize: 15 },
      rng: new Rng(2),
      onStep: (step, losses, epoch) => history.push({ step, epoch, loss: losses.loss }),
    });
    expect(result.steps).toBe(80);
    expect(history.map((h) => h.step)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    // 4 batches per epoch: 20 epochs, the schedule halved the rate at epoch 15.
    expect(history.at(-1)?.epoch).toBe(19);
    expect(optimizer.learningRate).toBeCloseTo(5e-3, 9);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(history.slice(0, 10).map((h) => h.loss));
    const last = mean(history.slice(-10).map((h) => h.loss));
    expect(last).toBeLessThan(first - 1);
    // At the optimum (the true density N(mu, 0.3^2 I)) the loss, which omits 0.5 D log 2 pi, is
    // E[0.5 |v|^2] - log|det| = D / 2 + D log 0.3 = -1.41 for D = 2; a fresh flow starts near 1.
    expect(last).toBeLessThan(-0.9);

    flow.eval();
    for (const [mode, centre] of [
      [0, 2],
      [1, -2],
    ] as const) {
      const c = tf.oneHot(tf.fill([200], mode, 'int32'), 2).toFloat() as tf.Tensor2D;
      const samples = flow.sample(c, new Rng(10 + mode));
      const { mean: m, variance } = tf.moments(samples, 0);
      for (const v of m.dataSync()) expect(Math.abs(v - centre)).toBeLessThan(0.25);
      for (const v of variance.dataSync()) expect(Math.sqrt(v)).toBeLessThan(0.6);
    }
  });

  it('rejects latents and conditions of different lengths', async () => {
    const flow = new ConditionalFlow(3, smallFlow({ latentDim: 2, condDim: 2, blocks: 1, hidden: [4] }));
    const optimizer = createOptimizer(ADAM);
    const options = { train: { unit: 'epochs', length: 1 } as const, batchSize: 4, optimizer, rng: new Rng(1) };
    await expect(trainFlow(flow, new Float32Array(8), new Float32Array(6), options)).rejects.toThrow(/4 latents but 3/);
  });
});
