import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { normGroups } from './feature-norm';
import { ResNet2d } from './resnet-2d';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('ResNet2d', () => {
  it('builds ResNet-18/50 layouts: stage widths x expansion, strides 1, 2, 2, 2', () => {
    const r50 = new ResNet2d(1, { backbone: { block: 'bottleneck', layers: [1, 1, 1, 1], widths: [4, 8, 8, 8], stemWidth: 8 }, inChannels: 1 });
    expect(r50.outChannels).toBe(32);
    const x = tf.randomNormal([2, 32, 32, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    let h = r50.stem(x);
    expect(h.shape).toEqual([2, 8, 8, 8]);
    const sides = [0, 1, 2, 3].map((i) => {
      h = r50.stage(i, h);
      return h.shape.slice(1);
    });
    expect(sides).toEqual([[8, 8, 16], [4, 4, 32], [2, 2, 32], [1, 1, 32]]);
    expect(r50.apply(x).shape).toEqual([2, 32]);
    expect(r50.features(x).shape).toEqual([2, 1, 1, 32]);
    const r18 = new ResNet2d(1, { backbone: { block: 'basic', layers: [2, 2], widths: [8, 16], stemWidth: 8 }, inChannels: 1 });
    expect(r18.outChannels).toBe(16);
    expect(r18.namedParameters().filter(([n]) => n.endsWith('conv1.weight')).map(([n]) => n)).toEqual([
      'layer1.0.conv1.weight',
      'layer1.1.conv1.weight',
      'layer2.0.conv1.weight',
      'layer2.1.conv1.weight',
    ]);
  });

  it('calls the branch-input hook of every block, and not on the shortcut', () => {
    const seen: string[] = [];
    const net = new ResNet2d(1, {
      backbone: { block: 'basic', layers: [2, 1], widths: [8, 8], stemWidth: 8 },
      inChannels: 1,
      hooks: ({ stage, index }) => ({ branchInput: (x) => (seen.push(`${stage}.${index}`), tf.zerosLike(x)) }),
    });
    // A zeroed branch leaves the block as ReLU(shortcut): stage 1 has an identity shortcut.
    const y = net.stage(0, tf.relu(tf.randomNormal([1, 4, 4, 8], 0, 1, 'float32', 2)) as tf.Tensor4D);
    expect(seen).toEqual(['0.0', '0.1']);
    expect(tf.min(y).dataSync()[0]).toBeGreaterThanOrEqual(0);
    net.apply(tf.zeros([1, 16, 16, 1]));
    expect(seen).toEqual(['0.0', '0.1', '0.0', '0.1', '1.0']);
  });

  it('uses up to 32 groups with at least 4 channels per group where possible', () => {
    expect([1, 8, 16, 64, 256, 2048].map((c) => normGroups(c))).toEqual([1, 2, 4, 16, 32, 32]);
    expect(() => new ResNet2d(1, { backbone: { block: 'basic', layers: [1, 1], widths: [8], stemWidth: 8 }, inChannels: 1 })).toThrow(/same non-zero length/);
  });
});
