import { initBackend, tf } from '@lddm/runtime';
import type { OptimizerConfig } from '@lddm/config';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamOptimizer } from './adam';
import { clipByGlobalNorm, createOptimizer, learningRate } from './optimizer';

beforeAll(async () => {
  await initBackend('wasm');
});

const base: OptimizerConfig = { kind: 'adam', lr: 0.1, betas: [0.9, 0.999], momentum: 0.9, weightDecay: 0, amsgrad: false, gradClip: 0 };
const quadratic = (w: tf.Variable, target: number[]) => () => tf.sum<tf.Scalar>(tf.square(tf.sub(w, tf.tensor1d(target))));

function run(config: OptimizerConfig, steps: number, start = [1, -2, 3]): number[] {
  const w = tf.variable(tf.tensor1d(start));
  const opt = createOptimizer(config);
  for (let i = 0; i < steps; i++) opt.stepVariables([w], quadratic(w, [0.5, 0.5, 0.5]));
  const out = Array.from(w.dataSync());
  opt.dispose();
  w.dispose();
  return out;
}

describe('createOptimizer', () => {
  it('plain Adam follows tfjs AdamOptimizer step for step', () => {
    const ours = run(base, 20);
    const w = tf.variable(tf.tensor1d([1, -2, 3]));
    const ref = tf.train.adam(0.1, 0.9, 0.999, 1e-8);
    for (let i = 0; i < 20; i++) ref.minimize(quadratic(w, [0.5, 0.5, 0.5]), false, [w]);
    const theirs = Array.from(w.dataSync());
    // tfjs keeps b^t in float32 variables, we in float64: equal to float32 rounding drift.
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 4));
    w.dispose();
    ref.dispose();
  });

  it('AMSGrad keeps the running maximum of v (one hand-computed 2-step case)', () => {
    // f = w^2 from w = 1 with lr 0.1, b1 0, b2 0.5: g1 = 2 -> v1 = 2, vmax 2; w1 = 1 - 0.1 * 2 / (sqrt(2 / 0.5)) = 0.9
    // g2 = 1.8 -> v2 = 0.5*2 + 0.5*3.24 = 2.62; vmax 2.62; w2 = 0.9 - 0.1 * 1.8 / sqrt(2.62 / 0.75)
    const w = tf.variable(tf.tensor1d([1]));
    const opt = createOptimizer({ ...base, betas: [0, 0.5], amsgrad: true });
    for (let i = 0; i < 2; i++) opt.stepVariables([w], () => tf.sum<tf.Scalar>(tf.square(w)));
    expect(w.dataSync()[0]).toBeCloseTo(0.9 - (0.1 * 1.8) / Math.sqrt(2.62 / 0.75), 5);
    opt.dispose();
    w.dispose();
  });

  it('AdamW decays the weights apart from the gradient; Adam adds the decay to the gradient', () => {
    // Zero loss gradient: AdamW shrinks w by (1 - lr lambda) per step, Adam's L2 moves it by lr per step.
    const w1 = tf.variable(tf.tensor1d([2]));
    const w2 = tf.variable(tf.tensor1d([2]));
    const zero = (w: tf.Variable) => () => tf.mul<tf.Scalar>(tf.sum(w), 0);
    const adamw = createOptimizer({ ...base, kind: 'adamw', weightDecay: 0.5 });
    const adam = createOptimizer({ ...base, weightDecay: 0.5 });
    adamw.stepVariables([w1], zero(w1));
    adam.stepVariables([w2], zero(w2));
    expect(w1.dataSync()[0]).toBeCloseTo(2 * (1 - 0.1 * 0.5), 5);
    expect(w2.dataSync()[0]).toBeCloseTo(2 - 0.1, 4);
    tf.dispose([w1, w2]);
  });

  it('SGD with momentum converges, and its L2 decay pulls towards 0', () => {
    const sgd = run({ ...base, kind: 'sgd', lr: 0.05 }, 200);
    sgd.forEach((v) => expect(v).toBeCloseTo(0.5, 3));
    const decayed = run({ ...base, kind: 'sgd', lr: 0.05, weightDecay: 1 }, 300);
    // minimum of (w - 0.5)^2 + 0.5 w^2 is w = 1/3
    decayed.forEach((v) => expect(v).toBeCloseTo(1 / 3, 3));
  });

  it('changes the learning rate of both kinds', () => {
    for (const kind of ['adam', 'sgd'] as const) {
      const w = tf.variable(tf.tensor1d([1]));
      const opt = createOptimizer({ ...base, kind, momentum: 0 });
      opt.learningRate = 0;
      opt.stepVariables([w], () => tf.sum<tf.Scalar>(tf.square(w)));
      expect(w.dataSync()[0]).toBe(1);
      opt.dispose();
      w.dispose();
    }
  });

  it('restores Adam state from getWeights / setWeights and continues identically', async () => {
    const w = tf.variable(tf.tensor1d([1, -2, 3]), true, 'adam_restore_w');
    const a = new AdamOptimizer({ lr: 0.1, beta1: 0.9, beta2: 0.99, amsgrad: true, weightDecay: 0.01, decay: 'decoupled' });
    for (let i = 0; i < 3; i++) a.minimize(quadratic(w, [0, 0, 0]), false, [w]);
    const saved = (await a.getWeights()).map((n) => ({ name: n.name, tensor: tf.clone(n.tensor) }));
    const wSaved = tf.clone(w);
    a.minimize(quadratic(w, [0, 0, 0]), false, [w]);
    const expected = Array.from(w.dataSync());
    w.assign(wSaved);
    const b = new AdamOptimizer({ lr: 0.1, beta1: 0.9, beta2: 0.99, amsgrad: true, weightDecay: 0.01, decay: 'decoupled' });
    await b.setWeights(saved);
    expect(b.iterations).toBe(3);
    b.minimize(quadratic(w, [0, 0, 0]), false, [w]);
    expect(Array.from(w.dataSync())).toEqual(expected);
    a.dispose();
    b.dispose();
    w.dispose();
  });
});

it('clipByGlobalNorm scales every gradient by one factor', () => {
  const g = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
  const c = clipByGlobalNorm(g, 1);
  expect(c.a.dataSync()[0]).toBeCloseTo(0.6, 5);
  expect(c.b.dataSync()[1]).toBeCloseTo(0.8, 5);
  const same = clipByGlobalNorm(g, 10);
  expect(Array.from(same.a.dataSync())).toEqual([3, 0]);
});

it('learningRate follows each schedule', () => {
  expect(learningRate({ kind: 'none', gamma: 1, stepSize: 1 }, 0.1, 7, 10)).toBe(0.1);
  expect(learningRate({ kind: 'exponential', gamma: 0.98, stepSize: 1 }, 1, 2, 10)).toBeCloseTo(0.9604, 10);
  expect(learningRate({ kind: 'step', gamma: 0.5, stepSize: 6 }, 1, 11, 31)).toBe(0.5);
  expect(learningRate({ kind: 'step', gamma: 0.5, stepSize: 6 }, 1, 12, 31)).toBe(0.25);
  expect(learningRate({ kind: 'cosine', gamma: 1, stepSize: 1 }, 1, 0, 10)).toBe(1);
  expect(learningRate({ kind: 'cosine', gamma: 1, stepSize: 1 }, 1, 5, 10)).toBeCloseTo(0.5, 10);
  expect(learningRate({ kind: 'cosine', gamma: 1, stepSize: 1 }, 1, 10, 10)).toBeCloseTo(0, 10);
});

it('SGD momentum follows tfjs MomentumOptimizer step for step', () => {
  const ours = run({ ...base, kind: 'sgd', lr: 0.05, momentum: 0.9 }, 15);
  const w = tf.variable(tf.tensor1d([1, -2, 3]));
  const ref = tf.train.momentum(0.05, 0.9);
  for (let i = 0; i < 15; i++) ref.minimize(quadratic(w, [0.5, 0.5, 0.5]), false, [w]);
  const theirs = Array.from(w.dataSync());
  ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 5));
  w.dispose();
  ref.dispose();
});

it('exports state by parameter path and imports it into a rebuilt model (new tfjs variable names)', () => {
  for (const kind of ['adam', 'sgd'] as const) {
    const config: OptimizerConfig = { ...base, kind, amsgrad: kind === 'adam' };
    const make = () => [['layer.w', tf.variable(tf.tensor1d([1, -2, 3]))]] as Array<[string, tf.Variable]>;
    const a = make();
    const optA = createOptimizer(config);
    for (let i = 0; i < 3; i++) optA.stepVariables([a[0][1]], quadratic(a[0][1], [0, 0, 0]));
    const state = optA.exportState(a);
    const b = make();
    b[0][1].assign(a[0][1]);
    const optB = createOptimizer(config);
    optB.importState(b, state);
    expect(optB.optimizer.iterations).toBe(3);
    optA.stepVariables([a[0][1]], quadratic(a[0][1], [0, 0, 0]));
    optB.stepVariables([b[0][1]], quadratic(b[0][1], [0, 0, 0]));
    expect(b[0][1].name).not.toBe(a[0][1].name);
    expect(Array.from(b[0][1].dataSync())).toEqual(Array.from(a[0][1].dataSync()));
    tf.dispose([...Object.values(state), a[0][1], b[0][1]]);
    optA.dispose();
    optB.dispose();
  }
});
