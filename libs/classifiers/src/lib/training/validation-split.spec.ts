import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { splitValidation } from './validation-split';

describe('splitValidation', () => {
  // 10 benign videos and 6 malignant, two clips each.
  const videos = [...Array.from({ length: 10 }, (_, i) => `b${i}`), ...Array.from({ length: 6 }, (_, i) => `m${i}`)];
  const videoIds = videos.flatMap((v) => [v, v]);
  const labels = videoIds.map((v) => (v.startsWith('m') ? 1 : 0));

  it('holds out whole videos of each class in proportion, disjoint from training', () => {
    const s = splitValidation(labels, videoIds, 0.2, new Rng(4));
    expect(s.valVideoIds.filter((v) => v.startsWith('b'))).toHaveLength(2);
    expect(s.valVideoIds.filter((v) => v.startsWith('m'))).toHaveLength(1);
    const trainVideos = new Set(s.train.map((r) => videoIds[r]));
    expect(s.val.every((r) => !trainVideos.has(videoIds[r]) && s.valVideoIds.includes(videoIds[r]))).toBe(true);
    expect(s.train.length + s.val.length).toBe(videoIds.length);
    expect(s.val).toHaveLength(6);
  });

  it('holds out nothing at valFraction 0 and rejects a video with two labels', () => {
    expect(splitValidation(labels, videoIds, 0, new Rng(1)).val).toEqual([]);
    expect(() => splitValidation([0, 1], ['a', 'a'], 0.2, new Rng(1))).toThrow(/classes/);
  });
});
