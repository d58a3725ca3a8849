import { describe, expect, it } from 'vitest';
import { planClips, sampleIndices, type ClipPlanConfig } from './clip-plan';

const PAPER: ClipPlanConfig = { clipLength: 48, clipStride: 48, framesPerClip: 16, short: 'skip' };

describe('planClips', () => {
  it.each([
    [48, 1],
    [95, 1],
    [96, 2],
    [160, 3],
  ])('%i frames -> %i consecutive, non-overlapping clips', (frames, clips) => {
    const plan = planClips(frames, PAPER);
    expect(plan.clips.map((c) => c.start)).toEqual(Array.from({ length: clips }, (_, i) => i * 48));
    expect(plan.clips.map((c) => c.index)).toEqual(Array.from({ length: clips }, (_, i) => i));
    expect(plan.skipped).toBeUndefined();
  });

  it('samples 16 of 48 frames uniformly, starting at the first (x0)', () => {
    const [, second] = planClips(100, PAPER).clips;
    expect(second.frames).toEqual([48, 51, 54, 57, 60, 63, 66, 69, 72, 75, 78, 81, 84, 87, 90, 93]);
    expect(sampleIndices(0, 48, 16).every((f, i, a) => i === 0 || f - a[i - 1] === 3)).toBe(true);
    expect(sampleIndices(0, 16, 16)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('a stride shorter than the clip overlaps clips', () => {
    expect(planClips(96, { ...PAPER, clipStride: 24 }).clips.map((c) => c.start)).toEqual([0, 24, 48]);
  });

  it('skips a video shorter than one clip and says why', () => {
    expect(planClips(47, PAPER)).toEqual({ clips: [], skipped: '47 frames, shorter than one 48-frame clip' });
  });

  it("short = 'resample' makes one clip over the whole short video", () => {
    const plan = planClips(24, { ...PAPER, short: 'resample' });
    expect(plan.clips).toHaveLength(1);
    expect(plan.clips[0].frames).toEqual(sampleIndices(0, 24, 16));
    expect(plan.clips[0].frames[0]).toBe(0);
    expect(Math.max(...plan.clips[0].frames)).toBeLessThan(24);
    // fewer frames than framesPerClip: frames repeat
    expect(planClips(4, { ...PAPER, short: 'resample' }).clips[0].frames).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it('rejects a config that cannot sample', () => {
    expect(() => planClips(100, { ...PAPER, framesPerClip: 64 })).toThrow(/framesPerClip \(64\) must not exceed clipLength \(48\)/);
    expect(() => planClips(100, { ...PAPER, clipStride: 0 })).toThrow(/clipStride must be a positive integer/);
  });
});
