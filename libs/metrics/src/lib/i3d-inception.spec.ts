import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { InceptionModule } from './i3d-inception';
import { Unit3d } from './i3d-unit';

describe('Unit3d and InceptionModule', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('Unit3d: SAME-padded strided conv, no bias, BN and ReLU; the logits variant has a bias only', () => {
    const unit = new Unit3d(new Rng(1), { inChannels: 2, outChannels: 3, kernel: 7, stride: 2 });
    unit.eval();
    const y = unit.apply(tf.randomNormal([1, 5, 9, 9, 2], 0, 1, 'float32', 2) as tf.Tensor5D);
    expect(y.shape).toEqual([1, 3, 5, 5, 3]);
    expect(y.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(Object.keys(unit.stateDict()).sort()).toEqual(['bn.bias', 'bn.running_mean', 'bn.running_var', 'bn.weight', 'conv3d.weight']);
    const logits = new Unit3d(new Rng(1), { inChannels: 2, outChannels: 3, kernel: 1, batchNorm: false, bias: true, activation: false });
    expect(Object.keys(logits.stateDict()).sort()).toEqual(['conv3d.bias', 'conv3d.weight']);
  });

  it('concatenates b0, b1b, b2b, b3b with the published branch names', () => {
    const block = new InceptionModule(new Rng(3), 8, [2, 3, 4, 1, 2, 3]);
    block.eval();
    expect(block.outChannels).toBe(2 + 4 + 2 + 3);
    const y = block.apply(tf.randomNormal([2, 2, 4, 4, 8], 0, 1, 'float32', 4) as tf.Tensor5D);
    expect(y.shape).toEqual([2, 2, 4, 4, 11]);
    const names = Object.keys(block.stateDict());
    for (const b of ['b0', 'b1a', 'b1b', 'b2a', 'b2b', 'b3b']) expect(names).toContain(`${b}.conv3d.weight`);
    expect(block.stateDict()['b2b.conv3d.weight'].shape).toEqual([3, 3, 3, 1, 2]);
  });
});
