import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { BasicBlock2d } from './basic-block-2d';
import { Bottleneck2d } from './bottleneck-2d';

beforeAll(async () => {
  await initBackend('wasm');
});

const image = (shape: [number, number, number, number]): tf.Tensor4D => tf.randomNormal(shape, 0, 1, 'float32', 3);

describe('BasicBlock2d', () => {
  it('[B, H, W, in] -> [B, H / s, W / s, planes]; projection only when the shape changes', () => {
    const strided = new BasicBlock2d(1, { inChannels: 4, planes: 8, stride: 2 });
    expect(strided.apply(image([2, 6, 6, 4])).shape).toEqual([2, 3, 3, 8]);
    // conv3x3 4->8, conv3x3 8->8, 1x1 shortcut 4->8, three GNs of 8 (gamma + beta).
    expect(strided.parameterCount()).toBe(9 * 4 * 8 + 9 * 8 * 8 + 4 * 8 + 3 * 16);
    const same = new BasicBlock2d(1, { inChannels: 8, planes: 8, stride: 1 });
    expect(same.parameterCount()).toBe(2 * 9 * 8 * 8 + 2 * 16);
  });

  it('builds the afterConv1 hook as child `temporal` at the inner width', () => {
    const widths: number[] = [];
    const block = new BasicBlock2d(1, {
      inChannels: 4,
      planes: 8,
      stride: 1,
      hooks: { afterConv1: (rng, channels) => (widths.push(channels), new BasicBlock2d(rng, { inChannels: channels, planes: channels, stride: 1 })) },
    });
    expect(widths).toEqual([8]);
    expect(block.namedParameters().some(([n]) => n.startsWith('temporal.conv1'))).toBe(true);
    expect(block.apply(image([1, 4, 4, 4])).shape).toEqual([1, 4, 4, 8]);
  });
});

describe('Bottleneck2d', () => {
  it('widths w -> w -> 4w, stride on the 3x3 (torchvision v1.5)', () => {
    const b = new Bottleneck2d(1, { inChannels: 8, planes: 4, stride: 2 });
    expect(b.outChannels).toBe(16);
    expect(b.apply(image([2, 5, 5, 8])).shape).toEqual([2, 3, 3, 16]);
    expect(b.parameterCount()).toBe(8 * 4 + 9 * 4 * 4 + 4 * 16 + 8 * 16 + 2 * (4 + 4 + 16 + 16));
    // torchvision-like names in registration order, the projection shortcut last.
    expect(b.namedParameters().map(([n]) => n)).toEqual([
      'conv1.weight', 'norm1.gamma', 'norm1.beta', 'conv2.weight', 'norm2.gamma', 'norm2.beta',
      'conv3.weight', 'norm3.gamma', 'norm3.beta', 'downsample.weight', 'downsampleNorm.gamma', 'downsampleNorm.beta',
    ]);
    const identity = new Bottleneck2d(1, { inChannels: 16, planes: 4, stride: 1 });
    expect(identity.parameterCount()).toBe(16 * 4 + 9 * 16 + 4 * 16 + 2 * (4 + 4 + 16));
  });
});

describe('residual blocks', () => {
  it('outputs are non-negative (final ReLU) and gradients reach every parameter', () => {
    for (const block of [new BasicBlock2d(2, { inChannels: 4, planes: 8, stride: 2 }), new Bottleneck2d(2, { inChannels: 4, planes: 2, stride: 2 })]) {
      const x = image([2, 4, 4, 4]);
      expect(tf.min(block.apply(x)).dataSync()[0]).toBeGreaterThanOrEqual(0);
      const vars = block.parameters();
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(block.apply(x))), vars);
      for (const v of vars) expect(tf.max(tf.abs(grads[v.name])).dataSync()[0]).toBeGreaterThan(0);
    }
  });
});
