// Decodes a video dataset into clips (clip-plan.ts says which frames): the slow step that the
// tensor cache exists to run once.
import { createProgress, type ProgressStream } from '@lddm/runtime';
import { planClips } from './clip-plan';
import type { RawClips, SkippedVideo } from './clip-set';
import type { VideoDataset } from './dataset';
import { openVideo } from './frame-reader';
import type { ClipPreprocess } from './preprocess';

export interface BuildOptions {
  /** Progress bar on stderr (or the given stream): default on for 50 videos or more. */
  progress?: boolean | ProgressStream;
}

export interface Built<T> {
  value: T;
  /** Frames (or images) decoded to build it. */
  decoded: number;
}

export async function buildClips(dataset: VideoDataset, config: ClipPreprocess, options: BuildOptions = {}): Promise<Built<RawClips>> {
  const { size, fit, framesPerClip } = config;
  const clipBytes = framesPerClip * size * size;
  const show = options.progress ?? dataset.videos.length >= 50;
  const progress = show ? createProgress({ label: 'clips', total: dataset.videos.length, unit: 'video', stream: typeof show === 'object' ? show : undefined }) : undefined;
  const chunks: Uint8Array[] = [];
  const labels: number[] = [];
  const videoIds: string[] = [];
  const clipIndex: number[] = [];
  const startFrame: number[] = [];
  const skipped: SkippedVideo[] = [];
  let decoded = 0;
  for (const video of dataset.videos) {
    // Frame folders know their length without decoding: skip short ones before opening them.
    const early = video.source.kind === 'frames' ? planClips(video.frameCount, config).skipped : undefined;
    if (early !== undefined) {
      skipped.push({ videoId: video.id, reason: early });
      progress?.tick();
      continue;
    }
    const reader = await openVideo(video, size, fit);
    const plan = planClips(reader.count, config);
    if (plan.skipped !== undefined) skipped.push({ videoId: video.id, reason: plan.skipped });
    // All sampled frames of the video at once, so that sharp decodes many in parallel.
    const frames = await reader.read(plan.clips.flatMap((c) => c.frames));
    for (const [k, clip] of plan.clips.entries()) {
      const chunk = new Uint8Array(clipBytes);
      for (let i = 0; i < framesPerClip; i++) chunk.set(frames[k * framesPerClip + i], i * size * size);
      chunks.push(chunk);
      labels.push(video.label);
      videoIds.push(video.id);
      clipIndex.push(clip.index);
      startFrame.push(clip.start);
    }
    decoded += reader.decoded;
    progress?.tick(1, { clips: chunks.length });
  }
  progress?.done({ clips: chunks.length, skipped: skipped.length });
  const pixels = new Uint8Array(chunks.length * clipBytes);
  chunks.forEach((c, i) => pixels.set(c, i * clipBytes));
  return {
    value: {
      pixels,
      count: chunks.length,
      labels: Int32Array.from(labels),
      videoIds,
      clipIndex: Int32Array.from(clipIndex),
      startFrame: Int32Array.from(startFrame),
      classes: [...dataset.classes],
      skipped,
      config,
    },
    decoded,
  };
}
