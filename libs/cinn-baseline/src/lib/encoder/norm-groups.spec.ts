import { describe, expect, it } from 'vitest';
import { normGroups } from './norm-groups';

describe('normGroups', () => {
  it('is 32 for widths divisible by 32, else the largest divisor below', () => {
    expect(normGroups(64)).toBe(32);
    expect(normGroups(2048)).toBe(32);
    expect(normGroups(16)).toBe(16);
    expect(normGroups(24)).toBe(24);
    expect(normGroups(48)).toBe(24);
    expect(normGroups(7)).toBe(7);
    expect(normGroups(37)).toBe(1);
    expect(normGroups(64, 8)).toBe(8);
  });
});
