import { loadProfile } from '@lddm/config';
import { describe, expect, it } from 'vitest';
import { phantomConfig } from './config';

describe('phantomConfig', () => {
  it('takes the paper profile to the BUSV / BUSI sizes, normal images in BUSI proportion, frozen', () => {
    const c = phantomConfig(loadProfile('paper').data);
    expect(c).toEqual({
      seed: 0,
      difficulty: 0.5,
      videos: { count: 188, malignant: 113, minFrames: 48, maxFrames: 160, size: 128, valFraction: 0.2 },
      images: { benign: 445, malignant: 210, normal: 135, size: 256 },
    });
    expect(Object.isFrozen(c) && Object.isFrozen(c.videos) && Object.isFrozen(c.images)).toBe(true);
  });
});
