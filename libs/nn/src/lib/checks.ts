// Shape checks at the public API (as tfjs conv2d.ts asserts before calling its kernel), with
// messages that name the layer and its place in the tree.
import type { tf } from '@lddm/runtime';

export function checkInput(label: string, x: tf.Tensor, rank: number, layout: string, channels?: number): void {
  if (x.rank !== rank) {
    throw new Error(`${label}: expected a rank-${rank} input ${layout}, got shape [${x.shape.join(', ')}]`);
  }
  const c = x.shape[rank - 1];
  if (channels !== undefined && c !== channels) {
    throw new Error(`${label}: expected ${channels} channels on the last axis of ${layout}, got shape [${x.shape.join(', ')}]`);
  }
}

export function checkPositiveInt(label: string, what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${label}: ${what} must be a positive integer, got ${value}`);
}

/** A per-axis tuple from a number or a tuple of the right length. */
export function perAxis(label: string, what: string, value: number | readonly number[], axes: number): number[] {
  const out = typeof value === 'number' ? Array.from({ length: axes }, () => value) : [...value];
  if (out.length !== axes || !out.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new Error(`${label}: ${what} must be a non-negative integer or ${axes} of them, got ${JSON.stringify(value)}`);
  }
  return out;
}
