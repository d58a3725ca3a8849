import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { I3d } from './i3d';

// Independent count from the published layer shapes: conv k^3 * in * out + BN gamma and beta per
// unit; logits 1024 * classes + bias. pytorch-i3d's sum(p.numel()) for 400 classes is 12,697,264.
function publishedCount(classes: number): number {
  const unit = (i: number, o: number, k: number): number => k ** 3 * i * o + 2 * o;
  let total = unit(3, 64, 7) + unit(64, 64, 1) + unit(64, 192, 3);
  let c = 192;
  for (const o of [
    [64, 96, 128, 16, 32, 32], [128, 128, 192, 32, 96, 64], [192, 96, 208, 16, 48, 64], [160, 112, 224, 24, 64, 64],
    [128, 128, 256, 24, 64, 64], [112, 144, 288, 32, 64, 64], [256, 160, 320, 32, 128, 128], [256, 160, 320, 32, 128, 128],
    [384, 192, 384, 48, 128, 128],
  ]) {
    total += unit(c, o[0], 1) + unit(c, o[1], 1) + unit(o[1], o[2], 3) + unit(c, o[3], 1) + unit(o[3], o[4], 3) + unit(c, o[5], 1);
    c = o[0] + o[2] + o[4] + o[5];
  }
  return total + c * classes + classes;
}

describe('I3d', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('has the published Kinetics-400 parameter count and pytorch-i3d names', () => {
    expect(publishedCount(400)).toBe(12_697_264);
    const net = new I3d(1, { classes: 400 });
    expect(net.parameterCount()).toBe(12_697_264);
    expect(net.featureChannels).toBe(1024);
    const names = Object.keys(net.stateDict());
    for (const name of ['Conv3d_1a_7x7.conv3d.weight', 'Conv3d_1a_7x7.bn.running_var', 'Mixed_3b.b1b.bn.weight', 'Mixed_5c.b3b.conv3d.weight', 'logits.conv3d.bias']) {
      expect(names).toContain(name);
    }
    expect(net.stateDict()['Mixed_3b.b0.conv3d.weight'].shape).toEqual([1, 1, 1, 192, 64]);
    net.dispose();
  });

  it('maps 16 frames at 32 x 32 to [N, classes] logits and [N, 1024] pooled features (published widths)', () => {
    const net = new I3d(2, { classes: 18 });
    expect(net.parameterCount()).toBe(publishedCount(18));
    net.eval();
    const x = tf.randomUniform([1, 16, 32, 32, 3], -1, 1, 'float32', 3) as tf.Tensor5D;
    const { logits, pool } = net.apply(x);
    expect(logits.shape).toEqual([1, 18]);
    expect(pool.shape).toEqual([1, 1024]);
    expect(logits.dataSync().every(Number.isFinite)).toBe(true);
    // Pooled features follow ReLUs and an average: non-negative, and not all zero.
    const p = pool.dataSync();
    expect(p.every((v) => v >= 0)).toBe(true);
    expect(p.some((v) => v > 0)).toBe(true);
    tf.dispose([x, logits, pool]);
    net.dispose();
  });

  it('width scales every channel count; different inputs give different features', () => {
    const net = new I3d(4, { classes: 5, width: 1 / 16 });
    net.eval();
    expect(net.featureChannels).toBe(64);
    const x = tf.randomUniform([2, 8, 32, 32, 3], -1, 1, 'float32', 5) as tf.Tensor5D;
    const { logits, pool } = net.apply(x);
    expect(logits.shape).toEqual([2, 5]);
    expect(pool.shape).toEqual([2, 64]);
    const l = logits.arraySync();
    expect(l[0]).not.toEqual(l[1]);
    tf.dispose([x, logits, pool]);
    net.dispose();
  });
});
