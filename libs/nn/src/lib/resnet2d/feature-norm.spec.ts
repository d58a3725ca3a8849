import { describe, expect, it } from 'vitest';
import { featureNorm, normGroups } from './feature-norm';

describe('normGroups', () => {
  it('is the largest divisor up to 32 that leaves at least 4 channels per group, else 1', () => {
    // ResNet-50 widths: 64 -> 16 groups of 4; 128 and wider -> 32.
    expect([64, 128, 256, 512, 1024, 2048].map((c) => normGroups(c))).toEqual([16, 32, 32, 32, 32, 32]);
    expect([1, 4, 7, 8, 16, 24, 37, 48].map((c) => normGroups(c))).toEqual([1, 1, 1, 2, 4, 6, 1, 12]);
  });

  it('respects maxGroups and rejects non-positive widths', () => {
    expect(normGroups(64, 8)).toBe(8);
    expect(normGroups(2048, 1)).toBe(1);
    expect(featureNorm(48, 4).groups).toBe(4);
    expect(featureNorm(48).groups).toBe(12);
    expect(() => normGroups(0)).toThrow(/positive integer/);
  });
});
