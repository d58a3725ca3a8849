// Which frames make each clip. A video is cut into segments of clipLength frames starting every
// clipStride frames (stride = length: consecutive, non-overlapping; frames after the last whole
// segment are unused). From each segment framesPerClip frames are taken uniformly:
//   frame_i = start + floor(i * clipLength / framesPerClip),  i = 0 .. framesPerClip - 1
// (48 -> 16: every third frame, 0, 3, ..., 45), so the first sampled frame is the segment's
// first frame and x0, the condition, is the first frame of the clip.
// A video shorter than one segment is skipped, and the reason recorded (short = 'skip', the
// default: its frames would otherwise be stretched to a different speed than every other clip);
// short = 'resample' instead makes one clip by the same rule over all of its frames, repeating
// frames when it has fewer than framesPerClip.

export type ShortVideoPolicy = 'skip' | 'resample';

export interface ClipPlanConfig {
  clipLength: number;
  clipStride: number;
  framesPerClip: number;
  short: ShortVideoPolicy;
}

export interface PlannedClip {
  /** Clip number within its video, from 0. */
  index: number;
  /** First frame of the segment. */
  start: number;
  /** The sampled frame indices, in order. */
  frames: number[];
}

export interface ClipPlan {
  clips: PlannedClip[];
  /** Why the video gave no clip (only when skipped). */
  skipped?: string;
}

export function checkClipConfig(c: ClipPlanConfig): void {
  const positive = (name: keyof ClipPlanConfig) => {
    if (!Number.isInteger(c[name]) || (c[name] as number) < 1) throw new RangeError(`clip config: ${name} must be a positive integer, got ${c[name]}`);
  };
  positive('clipLength');
  positive('clipStride');
  positive('framesPerClip');
  if (c.framesPerClip > c.clipLength) throw new RangeError(`clip config: framesPerClip (${c.framesPerClip}) must not exceed clipLength (${c.clipLength})`);
}

/** framesPerClip indices spread uniformly over [start, start + length). */
export function sampleIndices(start: number, length: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + Math.floor((i * length) / count));
}

export function planClips(frameCount: number, c: ClipPlanConfig): ClipPlan {
  checkClipConfig(c);
  if (frameCount < c.clipLength) {
    if (c.short === 'resample' && frameCount > 0) return { clips: [{ index: 0, start: 0, frames: sampleIndices(0, frameCount, c.framesPerClip) }] };
    return { clips: [], skipped: `${frameCount} frames, shorter than one ${c.clipLength}-frame clip` };
  }
  const clips: PlannedClip[] = [];
  for (let start = 0; start + c.clipLength <= frameCount; start += c.clipStride) {
    clips.push({ index: clips.length, start, frames: sampleIndices(start, c.clipLength, c.framesPerClip) });
  }
  return { clips };
}
