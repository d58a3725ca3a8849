import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { glorotUniform, heNormal, zeros } from './init';
import { restoreCheckpoint } from './restore';
import { Rng } from './rng';
import { tf } from './tf';

let dir: string;
let run = 0;
let x: tf.Tensor;
let y: tf.Tensor;
beforeAll(async () => {
  await initBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'lddm-restore-'));
  const rng = new Rng(99);
  x = tf.tensor2d(Array.from({ length: 32 * 4 }, () => rng.normal()), [32, 4]);
  y = tf.tensor2d(Array.from({ length: 32 }, () => rng.normal()), [32, 1]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Vars = Record<string, tf.Variable>;

/** A 2-layer MLP; variable names are unique per instance because tfjs registers them globally. */
function model(seed: number): Vars {
  const rng = new Rng(seed);
  const id = `m${run++}`;
  const v = (t: tf.Tensor, name: string): tf.Variable => tf.variable(t, true, `${id}/${name}`);
  return {
    w1: v(heNormal([4, 8], rng.child('w1')), 'w1'),
    b1: v(zeros([8]), 'b1'),
    w2: v(glorotUniform([8, 1], rng.child('w2')), 'w2'),
    b2: v(zeros([1]), 'b2'),
  };
}

function train(vars: Vars, optimizer: tf.Optimizer, steps: number): void {
  for (let i = 0; i < steps; i++) {
    optimizer.minimize(
      () => {
        const h = tf.relu(tf.add(tf.matMul(x, vars.w1), vars.b1));
        return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(h, vars.w2), vars.b2), y)));
      },
      false,
      Object.values(vars),
    );
  }
}

const bits = (vars: Vars): Record<string, string> =>
  Object.fromEntries(Object.entries(vars).map(([k, t]) => [k, Buffer.from(t.dataSync().buffer.slice(0)).toString('hex')]));

// Saving after 5 steps matters: there 1 - beta2^t from Adam's running product differs in the
// last bit from the 1 - pow(beta2, t) that stock setWeights() recomputes (the control below).
const BEFORE = 5;
const AFTER = 5;

describe('restoreCheckpoint', () => {
  it('resuming gives exactly the trajectory of an uninterrupted run', async () => {
    const straight = model(1);
    train(straight, tf.train.adam(0.05), BEFORE + AFTER);

    const first = model(1);
    const firstOptimizer = tf.train.adam(0.05);
    train(first, firstOptimizer, BEFORE);
    const path = join(dir, 'resume.safetensors');
    await saveCheckpoint(path, { weights: first, optimizer: firstOptimizer, meta: { step: BEFORE } });

    const resumed = model(2); // different initial weights: all must come from the checkpoint
    const optimizer = tf.train.adam(0.05);
    const { meta } = await restoreCheckpoint(path, { variables: resumed, optimizer });
    expect(meta).toEqual({ step: BEFORE });
    expect(bits(resumed)).toEqual(bits(first));
    const [saved, restored] = [await firstOptimizer.getWeights(), await optimizer.getWeights()];
    expect(restored.map((n) => n.name)).toEqual(saved.map((n) => n.name));
    restored.forEach((n, i) => expect(Array.from(n.tensor.dataSync()), n.name).toEqual(Array.from(saved[i].tensor.dataSync())));

    train(resumed, optimizer, AFTER);
    expect(bits(resumed)).toEqual(bits(straight));
  });

  it('(control) without the optimizer state, or with stock setWeights alone, the trajectory differs', async () => {
    const straight = model(1);
    train(straight, tf.train.adam(0.05), BEFORE + AFTER);
    const first = model(1);
    const firstOptimizer = tf.train.adam(0.05);
    train(first, firstOptimizer, BEFORE);
    const path = join(dir, 'control.safetensors');
    await saveCheckpoint(path, { weights: first, optimizer: firstOptimizer });

    const freshOptimizer = model(3);
    await restoreCheckpoint(path, { variables: freshOptimizer });
    train(freshOptimizer, tf.train.adam(0.05), AFTER);
    expect(bits(freshOptimizer)).not.toEqual(bits(straight));

    const stockOnly = model(4);
    await restoreCheckpoint(path, { variables: stockOnly });
    const stockOptimizer = tf.train.adam(0.05);
    await stockOptimizer.setWeights((await loadCheckpoint(path)).optimizerWeights);
    train(stockOnly, stockOptimizer, AFTER);
    expect(bits(stockOnly)).not.toEqual(bits(straight));
  });

  it('names missing, unexpected and mismatched variables, and assigns nothing', async () => {
    const saved = model(5);
    const path = join(dir, 'mismatch.safetensors');
    await saveCheckpoint(path, { weights: { w1: saved.w1, b1: saved.b1, extra: tf.scalar(1) } });
    const target = model(6);
    const before = bits(target);
    const wrongShape = tf.variable(tf.zeros([8, 4]), true, `m${run++}/w1`);
    await expect(restoreCheckpoint(path, { variables: { ...target, w1: wrongShape } })).rejects.toThrow(
      `restoreCheckpoint: ${path} does not fit: missing w2, b2; unexpected extra; mismatched w1 (checkpoint float32[4,8], variable float32[8,4])`,
    );
    expect(bits(target)).toEqual(before);
  });

  it('rejects optimizer state of another class, or none', async () => {
    const vars = model(7);
    const path = join(dir, 'sgd.safetensors');
    const sgd = tf.train.momentum(0.1, 0.9);
    train(vars, sgd, 1);
    await saveCheckpoint(path, { weights: vars, optimizer: sgd });
    await expect(restoreCheckpoint(path, { variables: vars, optimizer: tf.train.adam(0.1) })).rejects.toThrow(
      /optimizer state is for Momentum, not Adam/,
    );
    const bare = join(dir, 'bare.safetensors');
    await saveCheckpoint(bare, { weights: vars });
    await expect(restoreCheckpoint(bare, { variables: vars, optimizer: tf.train.adam(0.1) })).rejects.toThrow(/holds no optimizer state/);
  });

  it('leaves no loaded tensors behind', async () => {
    const vars = model(8);
    const optimizer = tf.train.adam(0.05);
    train(vars, optimizer, 2);
    const path = join(dir, 'memory.safetensors');
    await saveCheckpoint(path, { weights: vars, optimizer });
    const target = model(9);
    const targetOptimizer = tf.train.adam(0.05);
    const before = tf.memory().numTensors;
    await restoreCheckpoint(path, { variables: target, optimizer: targetOptimizer });
    // setWeights() creates one variable per moment (4 weights x m, v), kept by the optimizer.
    expect(tf.memory().numTensors - before).toBe(8);
  });
});
