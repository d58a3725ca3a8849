// A set of clips in one Float32Array laid out [N, T, H, W, 1] (channels last, as tfjs' conv3d
// wants): `tf.tensor5d(set.data, set.shape)`. Row n of every side array describes clip n.
import type { ClipPreprocess } from './preprocess';
import { normalizeInto } from './preprocess';

export interface SkippedVideo {
  videoId: string;
  reason: string;
}

/** Clips as cached: 8-bit pixels, normalised on load. */
export interface RawClips {
  /** [N, T, H, W] gray bytes. */
  pixels: Uint8Array;
  count: number;
  labels: Int32Array;
  videoIds: string[];
  /** Clip number within its video. */
  clipIndex: Int32Array;
  /** First frame of the clip's segment in its video. */
  startFrame: Int32Array;
  classes: string[];
  skipped: SkippedVideo[];
  config: ClipPreprocess;
}

export interface ClipSet extends Omit<RawClips, 'pixels'> {
  shape: [number, number, number, number, 1];
  /** [N, T, H, W, 1], in the configured range ([-1, 1] by default). */
  data: Float32Array;
}

export function toClipSet(raw: RawClips): ClipSet {
  const { pixels, ...rest } = raw;
  const { framesPerClip: t, size } = raw.config;
  return { ...rest, shape: [raw.count, t, size, size, 1], data: normalizeInto(new Float32Array(pixels.length), pixels, raw.config.normalization) };
}

/** x0 of every clip: its first frame, [N, H, W, 1]. */
export function firstFrames(set: ClipSet): Float32Array {
  const [n, t, h, w] = set.shape;
  const frame = h * w;
  const out = new Float32Array(n * frame);
  for (let i = 0; i < n; i++) out.set(set.data.subarray(i * t * frame, i * t * frame + frame), i * frame);
  return out;
}

/** The clips of the given videos (e.g. one side of a split), in the set's order. */
export function selectClips(set: ClipSet, videoIds: Iterable<string>): ClipSet {
  const wanted = new Set(videoIds);
  const rows = set.videoIds.flatMap((id, i) => (wanted.has(id) ? [i] : []));
  const [, t, h, w] = set.shape;
  const clipSize = t * h * w;
  const data = new Float32Array(rows.length * clipSize);
  rows.forEach((r, k) => data.set(set.data.subarray(r * clipSize, (r + 1) * clipSize), k * clipSize));
  const pick = (a: Int32Array) => Int32Array.from(rows, (r) => a[r]);
  return {
    ...set,
    count: rows.length,
    shape: [rows.length, t, h, w, 1],
    data,
    labels: pick(set.labels),
    videoIds: rows.map((r) => set.videoIds[r]),
    clipIndex: pick(set.clipIndex),
    startFrame: pick(set.startFrame),
    skipped: set.skipped.filter((s) => wanted.has(s.videoId)),
  };
}
