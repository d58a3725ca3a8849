// Padding for convolutions and pools. 'same' and 'valid' follow tfjs (TensorFlow's 'same' puts the
// odd extra pixel at the end when striding); a number or per-axis tuple is PyTorch's symmetric
// padding, done with tf.pad and then a 'valid' op so that results match PyTorch exactly.
import { tf } from '@lddm/runtime';
import { perAxis } from './checks';

export type Padding = 'same' | 'valid' | number | readonly number[];

export interface ResolvedPadding {
  /** What the tf op receives. */
  mode: 'same' | 'valid';
  /** Symmetric explicit padding per spatial axis, applied before the op (all 0 for 'same'/'valid'). */
  explicit: number[];
}

export function resolvePadding(label: string, padding: Padding, axes: number): ResolvedPadding {
  if (padding === 'same' || padding === 'valid') return { mode: padding, explicit: Array.from({ length: axes }, () => 0) };
  return { mode: 'valid', explicit: perAxis(label, 'padding', padding, axes) };
}

/** Pads the spatial axes of a channels-last tensor [N, ...spatial, C] with `value`. */
export function padSpatial<T extends tf.Tensor>(x: T, explicit: readonly number[], value = 0): T {
  if (explicit.every((p) => p === 0)) return x;
  const pads: Array<[number, number]> = [[0, 0], ...explicit.map((p): [number, number] => [p, p]), [0, 0]];
  return tf.pad(x, pads, value);
}
