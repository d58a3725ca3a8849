import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowBlockContract, perturbParameters, randomMatrix } from '../testing/flow-contract';
import { DoubleAffineCoupling } from './double-affine-coupling';
import { FixedPermutation } from './fixed-permutation';
import { FlowSequence } from './flow-sequence';
import { InvertibleLeakyRelu } from './invertible-leaky-relu';

beforeAll(async () => {
  await initBackend('wasm');
});

const chain = (): FlowSequence => {
  const s = new FlowSequence(1, [
    ['coupling', (r) => new DoubleAffineCoupling(r, { dim: 4, condDim: 2, hidden: [6], slope: 0.01 })],
    ['leaky', () => new InvertibleLeakyRelu({ dim: 4, alpha: 0.6 })],
    ['permutation', (r) => new FixedPermutation(r, { dim: 4 })],
  ]);
  perturbParameters(s, 2, 0.3);
  return s;
};

describe('FlowSequence', () => {
  flowBlockContract({ dim: 4, condDim: 2, make: chain });

  it('composes the blocks in order and sums their log-dets', () => {
    const s = chain();
    const x = randomMatrix(3, 4, 1);
    const c = randomMatrix(3, 2, 2);
    let y = x;
    let total = tf.zeros([3]);
    for (const block of s.blocks) {
      const out = block.forward(y, c);
      y = out.y;
      total = tf.add(total, out.logdet);
    }
    const out = s.forward(x, c);
    expect(Array.from(out.y.dataSync())).toEqual(Array.from(y.dataSync()));
    expect(Array.from(out.logdet.dataSync())).toEqual(Array.from(total.dataSync()));
    expect(s.namedParameters().map(([n]) => n)[0]).toBe('coupling.scale1.linear0.weight');
  });
});
