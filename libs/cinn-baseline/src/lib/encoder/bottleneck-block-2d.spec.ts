import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { BottleneckBlock2D } from './bottleneck-block-2d';

beforeAll(async () => {
  await initBackend('wasm');
});

const image = (shape: [number, number, number, number]): tf.Tensor4D => tf.randomNormal(shape, 0, 1, 'float32', 3);

describe('BottleneckBlock2D', () => {
  it('bottleneck: widths w -> w -> 4w, stride on the 3x3 (torchvision v1.5)', () => {
    const b = new BottleneckBlock2D(1, { inChannels: 8, width: 4, stride: 2 });
    expect(b.outChannels).toBe(16);
    expect(b.apply(image([2, 5, 5, 8])).shape).toEqual([2, 3, 3, 16]);
    expect(b.parameterCount()).toBe(8 * 4 + 9 * 4 * 4 + 4 * 16 + 8 * 16 + 2 * (4 + 4 + 16 + 16));
    const identity = new BottleneckBlock2D(1, { inChannels: 16, width: 4, stride: 1 });
    expect(identity.parameterCount()).toBe(16 * 4 + 9 * 16 + 4 * 16 + 2 * (4 + 4 + 16));
  });

  it('outputs are non-negative (final ReLU) and gradients reach every parameter', () => {
    for (const block of [new BottleneckBlock2D(2, { inChannels: 4, width: 2, stride: 2 })]) {
      const x = image([2, 4, 4, 4]);
      expect(tf.min(block.apply(x)).dataSync()[0]).toBeGreaterThanOrEqual(0);
      const vars = block.parameters();
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(block.apply(x))), vars);
      for (const v of vars) expect(tf.max(tf.abs(grads[v.name])).dataSync()[0]).toBeGreaterThan(0);
    }
  });
});
