import { describe, expect, it } from 'vitest';
import { parsePhantomConfig, phantomConfigSchema } from './config';

describe('phantom config', () => {
  it('defaults to the sizes of BUSV and BUSI', () => {
    const c = parsePhantomConfig();
    expect(c).toEqual({
      seed: 0,
      difficulty: 0.5,
      videos: { count: 188, malignant: 113, minFrames: 48, maxFrames: 160, size: 128, valFraction: 0.2 },
      images: { benign: 437, malignant: 210, normal: 133, size: 256 },
    });
    expect(Object.isFrozen(c) && Object.isFrozen(c.videos) && Object.isFrozen(c.images)).toBe(true);
  });

  it('fills partial sections and rejects inconsistent ones', () => {
    expect(parsePhantomConfig({ videos: { count: 4, malignant: 1 } }).videos.maxFrames).toBe(160);
    expect(() => parsePhantomConfig({ videos: { count: 4, malignant: 5 } })).toThrow(/malignant/);
    expect(() => parsePhantomConfig({ videos: { minFrames: 50, maxFrames: 40 } })).toThrow(/minFrames/);
    expect(() => parsePhantomConfig({ difficulty: 1.5 })).toThrow();
    expect(phantomConfigSchema.safeParse({ images: { size: 8 } }).success).toBe(false);
  });
});
