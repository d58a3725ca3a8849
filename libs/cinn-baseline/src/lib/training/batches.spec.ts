import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { epochBatches, gatherRows, rowCount } from './batches';

describe('batches', () => {
  it('cuts a seeded shuffle into batches that cover every row once, the last one shorter', () => {
    const batches = epochBatches(10, 4, new Rng(1));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches.flat()).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochBatches(10, 4, new Rng(1))).toEqual(batches);
  });

  it('gathers whole rows and counts rows', () => {
    const data = Float32Array.from([0, 1, 10, 11, 20, 21]);
    expect(Array.from(gatherRows(data, 2, [2, 0]))).toEqual([20, 21, 0, 1]);
    expect(rowCount('x', data, 2)).toBe(3);
    expect(() => rowCount('x', data, 4)).toThrow(/rows of 4/);
  });
});
