import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { framesAround, gatherFrames, segmentIndices, windowIndices } from './temporal-sampling';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('temporal sampling', () => {
  it('takes segment centres at test and a frame inside each segment in training', () => {
    expect(segmentIndices(16, 8)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    expect(segmentIndices(8, 4)).toEqual([1, 3, 5, 7]);
    expect(segmentIndices(3, 4)).toEqual([0, 1, 1, 2]);
    const rng = new Rng(1);
    for (let i = 0; i < 50; i++) segmentIndices(16, 4, rng).forEach((f, s) => expect(f >= 4 * s && f < 4 * s + 4).toBe(true));
  });

  it('takes a centred window at test, a random one in training, looping short clips', () => {
    expect(windowIndices(20, 16)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
    expect(windowIndices(17, 16)[0]).toBe(1);
    expect(windowIndices(16, 16)[0]).toBe(0);
    expect(windowIndices(8, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3]);
    const starts = new Set(Array.from({ length: 100 }, (_, i) => windowIndices(20, 16, new Rng(1000 + i))[0]));
    expect([...starts].every((s) => s >= 0 && s <= 4)).toBe(true);
  });

  it('takes frames around a centre, clamped to the clip', () => {
    expect(framesAround(4, 5, 8)).toEqual([2, 3, 4, 5, 6]);
    expect(framesAround(0, 5, 8)).toEqual([0, 0, 0, 1, 2]);
    expect(framesAround(7, 3, 8)).toEqual([6, 7, 7]);
  });

  it('gathers per-sample frame lists', () => {
    const clips = tf.tidy(() => tf.reshape(tf.range(0, 6), [2, 3, 1, 1, 1]) as tf.Tensor5D);
    expect(Array.from(gatherFrames(clips, [[2, 0], [1, 1]]).dataSync())).toEqual([2, 0, 4, 4]);
    expect(() => gatherFrames(clips, [[3, 0], [1, 1]])).toThrow(/indices/);
  });
});
