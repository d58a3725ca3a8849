// Mini-batches over rows of a flat Float32Array, written out plainly: a seeded shuffle per epoch
// (Fisher-Yates from our Rng, so a seed gives the same order everywhere), then consecutive slices.
import type { Rng } from '@lddm/runtime';

/** One epoch's batches of row indices: a shuffled order cut into slices of `batchSize` (the last may be shorter). */
export function epochBatches(rows: number, batchSize: number, rng: Rng): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`epochBatches: batchSize must be a positive integer, got ${batchSize}`);
  const order = rng.shuffle(Array.from({ length: rows }, (_, i) => i));
  const batches: number[][] = [];
  for (let start = 0; start < rows; start += batchSize) batches.push(order.slice(start, start + batchSize));
  return batches;
}

/** The rows `indices` of `data` (rows of `rowSize` values), copied into one contiguous array. */
export function gatherRows(data: Float32Array, rowSize: number, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * rowSize);
  indices.forEach((row, i) => out.set(data.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize));
  return out;
}

/** The number of rows in `data`, checking that it holds whole rows of `rowSize`. */
export function rowCount(where: string, data: Float32Array, rowSize: number): number {
  if (data.length === 0 || data.length % rowSize !== 0) {
    throw new Error(`${where}: expected a non-empty array of rows of ${rowSize} values, got ${data.length} values`);
  }
  return data.length / rowSize;
}
