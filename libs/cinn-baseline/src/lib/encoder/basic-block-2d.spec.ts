import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { BasicBlock2D } from './basic-block-2d';

beforeAll(async () => {
  await initBackend('wasm');
});

const image = (shape: [number, number, number, number]): tf.Tensor4D => tf.randomNormal(shape, 0, 1, 'float32', 3);

describe('BasicBlock2D', () => {
  it('basic: [B, H, W, in] -> [B, H / s, W / s, width]; projection only when the shape changes', () => {
    const strided = new BasicBlock2D(1, { inChannels: 4, width: 8, stride: 2 });
    expect(strided.apply(image([2, 6, 6, 4])).shape).toEqual([2, 3, 3, 8]);
    // conv3x3 4->8, conv3x3 8->8, 1x1 shortcut 4->8, three GNs of 8.
    expect(strided.parameterCount()).toBe(9 * 4 * 8 + 9 * 8 * 8 + 4 * 8 + 3 * 16);
    const same = new BasicBlock2D(1, { inChannels: 8, width: 8, stride: 1 });
    expect(same.parameterCount()).toBe(2 * 9 * 8 * 8 + 2 * 16);
  });

  it('outputs are non-negative (final ReLU) and gradients reach every parameter', () => {
    for (const block of [new BasicBlock2D(2, { inChannels: 4, width: 8, stride: 2 })]) {
      const x = image([2, 4, 4, 4]);
      expect(tf.min(block.apply(x)).dataSync()[0]).toBeGreaterThanOrEqual(0);
      const vars = block.parameters();
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(block.apply(x))), vars);
      for (const v of vars) expect(tf.max(tf.abs(grads[v.name])).dataSync()[0]).toBeGreaterThan(0);
    }
  });
});
