import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowBlockContract } from '../testing/flow-contract';
import { FixedPermutation } from './fixed-permutation';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('FixedPermutation', () => {
  flowBlockContract({ dim: 6, condDim: 2, nonZeroLogdet: false, make: () => new FixedPermutation(7, { dim: 6 }) });

  it('is a seeded permutation of every index; the same seed gives the same one', () => {
    const a = Array.from(new FixedPermutation(1, { dim: 16 }).permutation.dataSync());
    expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(Array.from(new FixedPermutation(1, { dim: 16 }).permutation.dataSync())).toEqual(a);
    expect(Array.from(new FixedPermutation(2, { dim: 16 }).permutation.dataSync())).not.toEqual(a);
  });

  it("y[:, i] = x[:, perm[i]]; 'reverse' reverses; the inverse is the argsort", () => {
    const p = new FixedPermutation(3, { dim: 4, kind: 'reverse' });
    const { y, logdet } = p.forward(tf.tensor2d([[10, 11, 12, 13]]), tf.zeros([1, 1]));
    expect(Array.from(y.dataSync())).toEqual([13, 12, 11, 10]);
    expect(Array.from(logdet.dataSync())).toEqual([0]);
    const r = new FixedPermutation(5, { dim: 5 });
    const perm = Array.from(r.permutation.dataSync());
    const inv = Array.from(r.inverseIndices());
    perm.forEach((source, i) => expect(inv[source]).toBe(i));
  });
});
