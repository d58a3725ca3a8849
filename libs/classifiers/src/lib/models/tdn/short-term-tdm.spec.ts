import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameDifferences, fuseDifference, ShortTermTdm } from './short-term-tdm';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('short-term TDM', () => {
  it('stacks the L - 1 consecutive differences on channels, in order', () => {
    // Frame t holds the value t^2 everywhere: differences 1, 3, 5, 7.
    const window = tf.tidy(() => tf.mul(tf.reshape(tf.square(tf.range(0, 5)), [1, 5, 1, 1, 1]), tf.ones([1, 5, 2, 2, 1])) as tf.Tensor5D);
    const d = frameDifferences(window);
    expect(d.shape).toEqual([1, 2, 2, 4]);
    expect(Array.from(d.dataSync().slice(0, 4))).toEqual([1, 3, 5, 7]);
  });

  it('gives exactly zero on a static clip, and not on a moving one', () => {
    const tdm = new ShortTermTdm(1, { frames: 5, inChannels: 1, outChannels: 8 });
    const frame = tf.randomUniform([2, 1, 16, 16, 1], -1, 1, 'float32', 7);
    const staticClip = tf.tile(frame, [1, 5, 1, 1, 1]) as tf.Tensor5D;
    const out = tdm.apply(staticClip);
    expect(out.shape).toEqual([2, 2, 2, 8]);
    expect(tf.max(tf.abs(out)).dataSync()[0]).toBe(0);
    const moving = tf.randomUniform([2, 5, 16, 16, 1], -1, 1, 'float32', 8) as tf.Tensor5D;
    expect(tf.max(tf.abs(tdm.apply(moving))).dataSync()[0]).toBeGreaterThan(0);
    expect(() => tdm.apply(moving.slice([0, 0], [-1, 3]))).toThrow(/expected \[N, 5/);
  });

  it('fuses (1 - w) a + w b with b upsampled (nearest) to a', () => {
    const a = tf.fill([1, 4, 4, 2], 2) as tf.Tensor4D;
    const b = tf.tensor4d([0, 0, 4, 4, 8, 8, 12, 12], [1, 2, 2, 2]);
    const fused = fuseDifference(a, b, 0.5).arraySync()[0];
    expect(fused[0][0]).toEqual([1, 1]);
    expect(fused[1][1]).toEqual([1, 1]);
    expect(fused[3][3]).toEqual([7, 7]);
    expect(fused[0][2]).toEqual([3, 3]);
  });
});
