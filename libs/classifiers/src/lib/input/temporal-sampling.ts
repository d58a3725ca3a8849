// Which frames of a T-frame clip a model sees, as mmaction2's SampleFrames does it:
//   segments (TSN/TSM/TDN, `num_clips` segments of clip_len 1): split [0, T) into S equal
//     segments; training takes a uniformly random frame of each, test its centre;
//   window (C3D, one clip of clip_len L): L consecutive frames, a random start in training and
//     the centred start at test; frames past the end loop back (out_of_bound_opt='loop').
// Indices are plain numbers: sampling is data selection, not part of the differentiated graph.
import { tf, type Rng } from '@lddm/runtime';

/** One frame per segment: random within it (rng given) or its centre (rng undefined). */
export function segmentIndices(frames: number, segments: number, rng?: Rng): number[] {
  checkCounts(frames, segments);
  const length = frames / segments;
  return Array.from({ length: segments }, (_, s) => {
    const offset = rng === undefined ? length / 2 : rng.next() * length;
    return Math.min(frames - 1, Math.floor(s * length + offset));
  });
}

/** `length` consecutive frames, looped when the clip is shorter; random start (rng) or centred. */
export function windowIndices(frames: number, length: number, rng?: Rng): number[] {
  checkCounts(frames, length);
  const room = Math.max(0, frames - length);
  // Test: mmaction2's int(avg_interval / 2) with avg_interval = T - L + 1.
  const start = rng === undefined ? Math.floor((room + 1) / 2) : rng.int(room + 1);
  return Array.from({ length }, (_, i) => (start + i) % frames);
}

/** `length` consecutive frames centred on `centre` (TDN's short-term window), clamped to the clip. */
export function framesAround(centre: number, length: number, frames: number): number[] {
  checkCounts(frames, length);
  const first = centre - Math.floor((length - 1) / 2);
  return Array.from({ length }, (_, i) => Math.min(frames - 1, Math.max(0, first + i)));
}

/** clips [B, T, H, W, C] and per-sample frame lists (equal lengths K) -> [B, K, H, W, C]. */
export function gatherFrames(clips: tf.Tensor5D, indices: readonly (readonly number[])[]): tf.Tensor5D {
  const [b, t, h, w, c] = clips.shape;
  const k = indices[0]?.length ?? 0;
  if (indices.length !== b || k === 0 || indices.some((row) => row.length !== k || row.some((i) => i < 0 || i >= t))) {
    throw new Error(`gatherFrames: expected ${b} rows of equal length with indices in [0, ${t})`);
  }
  return tf.tidy(() => {
    const flat = Int32Array.from(indices.flatMap((row, n) => row.map((i) => n * t + i)));
    const frames = tf.gather(tf.reshape(clips, [b * t, h, w, c]), tf.tensor1d(flat, 'int32'));
    return tf.reshape<tf.Rank.R5>(frames, [b, k, h, w, c]);
  });
}

function checkCounts(frames: number, wanted: number): void {
  if (!Number.isInteger(frames) || frames < 1 || !Number.isInteger(wanted) || wanted < 1) {
    throw new Error(`temporal sampling: frame counts must be positive integers, got ${frames} and ${wanted}`);
  }
}
