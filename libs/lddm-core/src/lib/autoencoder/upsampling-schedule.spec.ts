import { describe, expect, it } from 'vitest';
import { upsamplingSchedule } from './upsampling-schedule';

describe('upsamplingSchedule', () => {
  it("reproduces the reference's 128 px schedule: (1,4,4) -> ... -> (16,128,128) in six blocks", () => {
    expect(upsamplingSchedule([1, 4, 4], [16, 128, 128], 6).map((s) => s.size)).toEqual([
      [1, 4, 4],
      [2, 8, 8],
      [4, 16, 16],
      [8, 32, 32],
      [16, 64, 64],
      [16, 128, 128],
    ]);
  });

  it('upsamples by more than 2 when there are fewer slots than doublings (smoke: 4 blocks to 16x32x32)', () => {
    const steps = upsamplingSchedule([1, 4, 4], [16, 32, 32], 4);
    expect(steps.map((s) => s.upsample)).toEqual([
      [1, 1, 1],
      [4, 2, 2],
      [2, 2, 2],
      [2, 2, 2],
    ]);
    expect(steps.at(-1)?.size).toEqual([16, 32, 32]);
  });

  it('stops doubling an axis once it reaches its target (64 px: the last block keeps the size)', () => {
    const steps = upsamplingSchedule([1, 4, 4], [16, 64, 64], 6);
    expect(steps.at(-1)?.upsample).toEqual([1, 1, 1]);
    expect(steps.at(-2)?.size).toEqual([16, 64, 64]);
  });

  it('explains impossible targets', () => {
    expect(() => upsamplingSchedule([1, 4, 4], [16, 48, 48], 6)).toThrow(/height: cannot reach 48 from 4/);
    expect(() => upsamplingSchedule([2, 4, 4], [1, 4, 4], 2)).toThrow(/frames/);
    expect(() => upsamplingSchedule([1, 4, 4], [2, 8, 8], 1)).toThrow(/one block cannot upsample/);
    expect(() => upsamplingSchedule([1, 4, 4], [1, 4, 4], 0)).toThrow(/at least one block/);
  });
});
