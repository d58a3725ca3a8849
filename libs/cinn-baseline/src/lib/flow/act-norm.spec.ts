import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowBlockContract, perturbParameters, randomMatrix } from '../testing/flow-contract';
import { ActNorm } from './act-norm';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('ActNorm', () => {
  flowBlockContract({
    dim: 4,
    condDim: 3,
    make: () => {
      const a = new ActNorm({ dim: 4, init: 'identity' });
      perturbParameters(a, 3, 0.3);
      return a.eval();
    },
  });

  it('data-init makes the first training batch zero-mean, unit-variance per dimension', () => {
    const a = new ActNorm({ dim: 5 });
    expect(a.initialized).toBe(false);
    const x = tf.add(randomMatrix(64, 5, 1, 3), tf.tensor1d([1, -2, 5, 0, 10]));
    const cond = tf.zeros<tf.Rank.R2>([64, 1]);
    const { y, logdet } = a.forward(x as tf.Tensor2D, cond);
    const { mean, variance } = tf.moments(y, 0);
    for (const m of mean.dataSync()) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 4);
    expect(a.initialized).toBe(true);
    // log|det| = sum log|scale| = -sum log std, the same for every sample.
    const std = tf.sqrt(tf.moments(x, 0).variance);
    const expected = -tf.sum(tf.log(std)).dataSync()[0];
    for (const l of logdet.dataSync()) expect(l).toBeCloseTo(expected, 3);
  });

  it('initialises once: a second batch, eval mode and a restored buffer leave loc and scale alone', () => {
    const a = new ActNorm({ dim: 3 });
    const cond = tf.zeros<tf.Rank.R2>([16, 1]);
    a.forward(randomMatrix(16, 3, 2, 4), cond);
    const scale = Array.from(a.scale.dataSync());
    a.forward(randomMatrix(16, 3, 3, 0.1), cond);
    expect(Array.from(a.scale.dataSync())).toEqual(scale);

    const evalOnly = new ActNorm({ dim: 3 }).eval();
    evalOnly.forward(randomMatrix(16, 3, 2, 4), cond);
    expect(evalOnly.initialized).toBe(false);
    expect(Array.from(evalOnly.scale.dataSync())).toEqual([1, 1, 1]);

    // A checkpoint restores `initialized` with the parameters: no re-init on the next batch.
    const restored = new ActNorm({ dim: 3 });
    for (const [name, v] of Object.entries(a.stateDict())) restored.stateDict()[name].assign(v);
    restored.forward(randomMatrix(16, 3, 4, 0.1), cond);
    expect(Array.from(restored.scale.dataSync())).toEqual(scale);
  });

  it("'identity' init starts at y = x and never looks at the data", () => {
    const a = new ActNorm({ dim: 3, init: 'identity' });
    const x = randomMatrix(4, 3, 5, 7);
    const { y, logdet } = a.forward(x, tf.zeros([4, 1]));
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    expect(Array.from(logdet.dataSync())).toEqual([0, 0, 0, 0]);
  });
});
