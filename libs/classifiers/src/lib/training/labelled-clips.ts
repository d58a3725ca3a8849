// Clips with labels as the trainer and the evaluator take them: one Float32Array [N, T, H, W, C]
// (what @lddm/data's ClipSet holds), kept in JavaScript memory; tensors are made per batch.
import { tf } from '@lddm/runtime';

export interface LabelledClips {
  /** [N, T, H, W, C], row-major, values in [-1, 1]. */
  data: Float32Array;
  shape: readonly [number, number, number, number, number];
  /** Class per clip (benign 0, malignant 1). */
  labels: Int32Array;
  /** Video per clip: validation is split by video and evaluation aggregates per video. */
  videoIds?: readonly string[];
}

export function checkLabelledClips(what: string, set: LabelledClips): void {
  const [n, ...rest] = set.shape;
  const per = rest.reduce((a, b) => a * b, 1);
  if (set.data.length !== n * per) throw new Error(`${what}: data holds ${set.data.length} values, shape [${set.shape.join(', ')}] needs ${n * per}`);
  if (set.labels.length !== n) throw new Error(`${what}: ${set.labels.length} labels for ${n} clips`);
  if (set.videoIds !== undefined && set.videoIds.length !== n) throw new Error(`${what}: ${set.videoIds.length} video ids for ${n} clips`);
}

/** Video of each clip; a clip without one is its own video. */
export function videoIdsOf(set: LabelledClips): string[] {
  return set.videoIds === undefined ? Array.from({ length: set.shape[0] }, (_, i) => `clip-${i}`) : [...set.videoIds];
}

/** The given rows as a new set (copies). */
export function selectRows(set: LabelledClips, rows: readonly number[]): LabelledClips {
  const [, t, h, w, c] = set.shape;
  const per = t * h * w * c;
  const data = new Float32Array(rows.length * per);
  rows.forEach((r, k) => data.set(set.data.subarray(r * per, (r + 1) * per), k * per));
  return {
    data,
    shape: [rows.length, t, h, w, c],
    labels: Int32Array.from(rows, (r) => set.labels[r]),
    videoIds: set.videoIds === undefined ? undefined : rows.map((r) => set.videoIds![r]),
  };
}

/** The given rows as a tensor [rows, T, H, W, C] and their labels [rows]. */
export function batchTensors(set: LabelledClips, rows: readonly number[]): { clips: tf.Tensor5D; labels: tf.Tensor1D } {
  const [, t, h, w, c] = set.shape;
  const per = t * h * w * c;
  const data = new Float32Array(rows.length * per);
  rows.forEach((r, k) => data.set(set.data.subarray(r * per, (r + 1) * per), k * per));
  return { clips: tf.tensor5d(data, [rows.length, t, h, w, c]), labels: tf.tensor1d(Int32Array.from(rows, (r) => set.labels[r]), 'int32') };
}
