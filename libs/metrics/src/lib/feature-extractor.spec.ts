import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedFeatures, prepareClips } from './feature-extractor';

describe('prepareClips', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('keeps the first frames, resizes bilinearly and replicates grey to RGB', () => {
    const t = 5;
    const videos = tf.tidy(() => tf.reshape(tf.range(0, 2 * t * 4 * 4), [2, t, 4, 4, 1]).div(100)) as tf.Tensor5D;
    const clips = prepareClips(videos, 3, 8);
    expect(clips.shape).toEqual([2, 3, 8, 8, 3]);
    const c = clips.arraySync();
    const v = videos.arraySync();
    // TF1 resize_bilinear without half-pixel centres samples pixel (0, 0) at output (0, 0).
    expect(c[1][2][0][0][0]).toBeCloseTo(v[1][2][0][0][0], 6);
    expect(c[1][2][0][0][2]).toBe(c[1][2][0][0][0]);
    expect(() => prepareClips(videos, 6, 8)).toThrow(/5 frames, the extractor needs 6/);
  });
});

describe('batchedFeatures', () => {
  it('stacks batch outputs in order and reports each batch', () => {
    const videos = tf.tidy(() => tf.reshape(tf.range(0, 5 * 2), [5, 2, 1, 1, 1])) as tf.Tensor5D;
    const seen: number[] = [];
    const m = batchedFeatures(videos, 2, (b) => tf.reshape(b, [b.shape[0], 2]), { batchSize: 2, onBatch: (n) => seen.push(n) });
    expect([m.n, m.d]).toEqual([5, 2]);
    expect([...m.data]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen).toEqual([2, 2, 1]);
  });
});
