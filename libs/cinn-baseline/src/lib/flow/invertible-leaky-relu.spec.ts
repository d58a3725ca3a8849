import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowBlockContract } from '../testing/flow-contract';
import { InvertibleLeakyRelu } from './invertible-leaky-relu';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('InvertibleLeakyRelu', () => {
  // alpha 0.5 makes the log-det large enough for the finite-difference check to bite.
  flowBlockContract({ dim: 4, condDim: 2, make: () => new InvertibleLeakyRelu({ dim: 4, alpha: 0.5 }) });

  it('scales negative entries by alpha (0.9 by default) and leaves the rest', () => {
    const f = new InvertibleLeakyRelu({ dim: 3 });
    const { y } = f.forward(tf.tensor2d([[-1, 0, 2]]), tf.zeros([1, 1]));
    const values = Array.from(y.dataSync());
    expect(values[0]).toBeCloseTo(-0.9, 6);
    expect(values.slice(1)).toEqual([0, 2]);
  });

  it('log-det option: n_negative * log(alpha) by default, 0 as the reference when logdet = false', () => {
    const x = tf.tensor2d([
      [-1, -2, 3],
      [1, 2, 3],
      [-1, -1, -1],
    ]);
    const cond = tf.zeros<tf.Rank.R2>([3, 1]);
    const correct = new InvertibleLeakyRelu({ dim: 3, alpha: 0.9 });
    expect(correct.addsLogdet).toBe(true);
    const logdet = Array.from(correct.forward(x, cond).logdet.dataSync());
    [2, 0, 3].forEach((n, i) => expect(logdet[i]).toBeCloseTo(n * Math.log(0.9), 6));
    const reference = new InvertibleLeakyRelu({ dim: 3, alpha: 0.9, logdet: false });
    expect(Array.from(reference.forward(x, cond).logdet.dataSync())).toEqual([0, 0, 0]);
    // Same map either way.
    expect(Array.from(reference.forward(x, cond).y.dataSync())).toEqual(Array.from(correct.forward(x, cond).y.dataSync()));
  });

  it('rejects a non-positive alpha (not invertible)', () => {
    expect(() => new InvertibleLeakyRelu({ dim: 2, alpha: 0 })).toThrow(/alpha/);
  });
});
