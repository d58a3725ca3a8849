import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowBlockContract, perturbParameters, randomMatrix } from '../testing/flow-contract';
import { DoubleAffineCoupling } from './double-affine-coupling';

beforeAll(async () => {
  await initBackend('wasm');
});

const options = { dim: 5, condDim: 3, hidden: [8, 8], slope: 0.01 };

describe('DoubleAffineCoupling', () => {
  flowBlockContract({
    dim: 5,
    condDim: 3,
    make: () => {
      const c = new DoubleAffineCoupling(4, options);
      perturbParameters(c, 9, 0.3);
      return c;
    },
  });

  it('is the identity when fresh (zero-initialised last layers)', () => {
    const c = new DoubleAffineCoupling(4, options);
    const x = randomMatrix(3, 5, 1);
    const { y, logdet } = c.forward(x, randomMatrix(3, 3, 2));
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    expect(Array.from(logdet.dataSync())).toEqual([0, 0, 0]);
  });

  it('splits as torch.chunk ([3, 2] for D = 5) with 4 subnets of the configured widths', () => {
    const c = new DoubleAffineCoupling(4, options);
    expect(c.split).toEqual([3, 2]);
    // scale1/shift1: (3 + 3) -> 8 -> 8 -> 2; scale2/shift2: (2 + 3) -> 8 -> 8 -> 3.
    const mlp = (i: number, o: number): number => (i * 8 + 8) + (8 * 8 + 8) + (8 * o + o);
    expect(c.parameterCount()).toBe(2 * mlp(6, 2) + 2 * mlp(5, 3));
  });

  it('depends on the condition, and the scale is bounded (|s| < 1 per dimension)', () => {
    const c = new DoubleAffineCoupling(4, options);
    perturbParameters(c, 5, 3);
    const x = randomMatrix(6, 5, 1);
    const a = c.forward(x, randomMatrix(6, 3, 2));
    const b = c.forward(x, randomMatrix(6, 3, 3));
    expect(tf.max(tf.abs(tf.sub(a.y, b.y))).dataSync()[0]).toBeGreaterThan(1e-2);
    // log|det| = sum of D tanh outputs, so |logdet| < D.
    for (const l of a.logdet.dataSync()) expect(Math.abs(l)).toBeLessThan(5);
  });

  it('passes gradients to every subnet parameter through the log-det and y', () => {
    const c = new DoubleAffineCoupling(4, options);
    perturbParameters(c, 6, 0.3);
    const x = randomMatrix(4, 5, 1);
    const cond = randomMatrix(4, 3, 2);
    const vars = c.parameters();
    const { grads } = tf.variableGrads(() => {
      const { y, logdet } = c.forward(x, cond);
      return tf.add(tf.sum(tf.square(y)), tf.sum(logdet));
    }, vars);
    for (const v of vars) expect(tf.max(tf.abs(grads[v.name])).dataSync()[0]).toBeGreaterThan(0);
  });
});
