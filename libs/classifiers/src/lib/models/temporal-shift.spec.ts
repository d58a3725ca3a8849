import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporalShift } from './temporal-shift';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('temporalShift', () => {
  // Value 100 * video + 10 * t + channel + 1 (never 0), so every output names its source exactly.
  const coded = (videos: number, segments: number, channels: number, size = 2): tf.Tensor4D =>
    tf.tidy(() => {
      const values = new Float32Array(videos * segments * size * size * channels);
      for (let v = 0; v < videos; v++)
        for (let t = 0; t < segments; t++)
          for (let p = 0; p < size * size; p++)
            for (let c = 0; c < channels; c++) values[(((v * segments + t) * size * size + p) * channels) + c] = 100 * v + 10 * t + c + 1;
      return tf.tensor4d(values, [videos * segments, size, size, channels]);
    });

  it('moves 1/8 of the channels from t+1, 1/8 from t-1, zero-filled, the rest in place', () => {
    const [videos, segments, channels] = [2, 4, 16];
    const out = temporalShift(coded(videos, segments, channels), segments, 8).arraySync();
    const fold = 2;
    for (let v = 0; v < videos; v++) {
      for (let t = 0; t < segments; t++) {
        const pixel = out[v * segments + t][1][0];
        for (let c = 0; c < channels; c++) {
          const from = c < fold ? t + 1 : c < 2 * fold ? t - 1 : t;
          const expected = from < 0 || from >= segments ? 0 : 100 * v + 10 * from + c + 1;
          expect(pixel[c], `video ${v} t ${t} channel ${c}`).toBe(expected);
        }
      }
    }
  });

  it('is the identity when fewer channels than shiftDiv, and rejects a batch not divisible by segments', () => {
    const x = coded(1, 4, 4);
    expect(temporalShift(x, 4, 8).arraySync()).toEqual(x.arraySync());
    expect(() => temporalShift(coded(1, 3, 8), 4, 8)).toThrow(/multiple of segments/);
  });

  it('passes gradients back through the shift (to the moved and kept channels alike)', () => {
    const x = coded(1, 4, 8);
    const g = tf.grad((input: tf.Tensor) => tf.sum(temporalShift(input as tf.Tensor4D, 4, 8)))(x) as tf.Tensor4D;
    // Channel 0 of the first frame and channel 1 of the last are dropped (shifted out): gradient 0.
    const grads = g.arraySync();
    expect(grads[0][0][0][0]).toBe(0);
    expect(grads[3][0][0][1]).toBe(0);
    expect(grads[1][0][0][0]).toBe(1);
    expect(grads[2][0][0][5]).toBe(1);
  });
});
