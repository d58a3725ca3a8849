import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnableTemporalShift } from './learnable-shift';
import { LongTermTdm } from './long-term-tdm';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('long-term TDM', () => {
  it('keeps the shape, stays within x (1 +- 1/2), and is the identity for one segment', () => {
    const tdm = new LongTermTdm(1, { channels: 32, segments: 4 });
    const x = tf.randomUniform([8, 3, 3, 32], 0, 1, 'float32', 2) as tf.Tensor4D;
    const y = tdm.apply(x);
    expect(y.shape).toEqual([8, 3, 3, 32]);
    // y = x (1 + a) with a in (-1/2, 1/2): the ratio stays in (0.5, 1.5) for positive x.
    const ratio = tf.div(y, tf.add(x, 1e-6));
    expect(tf.min(ratio).dataSync()[0]).toBeGreaterThan(0.5 - 1e-3);
    expect(tf.max(ratio).dataSync()[0]).toBeLessThan(1.5 + 1e-3);
    const single = new LongTermTdm(1, { channels: 32, segments: 1 });
    expect(single.apply(x).arraySync()).toEqual(x.arraySync());
  });

  it('attends to temporal differences: segments of a video that differ change the output', () => {
    const tdm = new LongTermTdm(3, { channels: 16, segments: 2 });
    const a = tf.randomUniform([1, 4, 4, 16], 0, 1, 'float32', 3) as tf.Tensor4D;
    const b = tf.randomUniform([1, 4, 4, 16], 0, 1, 'float32', 4) as tf.Tensor4D;
    const first = (x: tf.Tensor4D) => tdm.apply(x).slice([0], [1]);
    const withB = first(tf.concat([a, b]) as tf.Tensor4D);
    const withA = first(tf.concat([a, a]) as tf.Tensor4D);
    expect(tf.max(tf.abs(tf.sub(withB, withA))).dataSync()[0]).toBeGreaterThan(1e-4);
  });
});

describe('LearnableTemporalShift', () => {
  it('starts as the TSM shift: channel 0 from t+1, channel 1 from t-1, the rest in place', () => {
    const shift = new LearnableTemporalShift({ channels: 8, segments: 3, shiftDiv: 8 });
    const x = tf.tidy(() => tf.add(tf.reshape(tf.range(0, 3), [3, 1, 1, 1]), tf.zeros([3, 1, 1, 8])).add(1) as tf.Tensor4D);
    const y = shift.apply(x).arraySync().map((f) => f[0][0]);
    expect(y.map((c) => c[0])).toEqual([2, 3, 0]);
    expect(y.map((c) => c[1])).toEqual([0, 1, 2]);
    expect(y.map((c) => c[5])).toEqual([1, 2, 3]);
  });
});
