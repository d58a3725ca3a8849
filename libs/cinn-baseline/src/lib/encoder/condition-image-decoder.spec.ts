import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionImageDecoder, decoderLevels } from './condition-image-decoder';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('ConditionImageDecoder', () => {
  it('upsamples from the smallest size >= 4 that halving reaches', () => {
    expect(decoderLevels(128, 128)).toBe(5);
    expect(decoderLevels(64, 64)).toBe(4);
    expect(decoderLevels(16, 16)).toBe(2);
    expect(decoderLevels(12, 12)).toBe(1);
    expect(decoderLevels(4, 4)).toBe(0);
    expect(decoderLevels(128, 96)).toBe(4);
  });

  it('maps c [B, cDim] to images [B, H, W, C] in (-1, 1), with widths nf * min(2^k, 8)', () => {
    const d = new ConditionImageDecoder(1, { cDim: 5, outChannels: 2, height: 16, width: 8, nf: 4 });
    const x = d.apply(tf.randomNormal([3, 5], 0, 3, 'float32', 1));
    expect(x.shape).toEqual([3, 16, 8, 2]);
    expect(tf.max(tf.abs(x)).dataSync()[0]).toBeLessThan(1);
    // Levels: 8 x 4 (n = 1) at width 8 -> 16 x 8 at width 4 -> 2 channels.
    const shapes = Object.fromEntries(d.namedParameters().map(([n, v]) => [n, v.shape]));
    expect(shapes['fc.weight']).toEqual([5, 8 * 4 * 8]);
    expect(shapes['conv0.weight']).toEqual([3, 3, 8, 4]);
    expect(shapes['out.weight']).toEqual([3, 3, 4, 2]);
  });

  it('rejects a condition of the wrong size', () => {
    const d = new ConditionImageDecoder(1, { cDim: 5, outChannels: 1, height: 8, width: 8, nf: 2 });
    expect(() => d.apply(tf.zeros([2, 4]))).toThrow(/\[B, 5\]/);
  });
});
