import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { perturbParameters, randomMatrix } from '../testing/flow-contract';
import { CouplingMlp } from './coupling-mlp';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('CouplingMlp', () => {
  it('Linear layers in -> hidden... -> out; the last layer starts at zero', () => {
    const m = new CouplingMlp(1, { inFeatures: 5, outFeatures: 3, hidden: [8, 8, 8], slope: 0.01, tanh: false });
    expect(m.layers.map((l) => [l.inFeatures, l.outFeatures])).toEqual([[5, 8], [8, 8], [8, 8], [8, 3]]);
    expect(tf.max(tf.abs(m.apply(randomMatrix(4, 5, 1)))).dataSync()[0]).toBe(0);
    expect(tf.max(tf.abs(m.layers[0].weight)).dataSync()[0]).toBeGreaterThan(0);
  });

  it('tanh bounds the output to (-1, 1); without it the output is unbounded', () => {
    const bounded = new CouplingMlp(1, { inFeatures: 2, outFeatures: 2, hidden: [4], slope: 0.01, tanh: true });
    const free = new CouplingMlp(1, { inFeatures: 2, outFeatures: 2, hidden: [4], slope: 0.01, tanh: false });
    perturbParameters(bounded, 3, 5);
    perturbParameters(free, 3, 5);
    const x = randomMatrix(16, 2, 2, 10);
    expect(tf.max(tf.abs(bounded.apply(x))).dataSync()[0]).toBeLessThanOrEqual(1);
    expect(tf.max(tf.abs(free.apply(x))).dataSync()[0]).toBeGreaterThan(1);
  });
});
