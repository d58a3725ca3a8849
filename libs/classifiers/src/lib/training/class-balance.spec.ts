import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { balancedOrder, classCounts, inverseFrequencyWeights, shuffledOrder } from './class-balance';

// BUSV: 113 benign, 75 malignant videos.
const busv = Int32Array.from([...Array<number>(113).fill(0), ...Array<number>(75).fill(1)]);

describe('class balancing', () => {
  it('oversampling yields exactly balanced batches of 8 and every majority video once per epoch', () => {
    const order = balancedOrder(busv, 2, new Rng(1));
    expect(order).toHaveLength(226);
    for (let start = 0; start + 8 <= order.length; start += 8) {
      expect(classCounts(order.slice(start, start + 8).map((i) => busv[i]), 2)).toEqual([4, 4]);
    }
    const seen = new Map<number, number>();
    for (const i of order) seen.set(i, (seen.get(i) ?? 0) + 1);
    for (let i = 0; i < 113; i++) expect(seen.get(i)).toBe(1);
    for (let i = 113; i < 188; i++) expect([1, 2]).toContain(seen.get(i));
    expect(balancedOrder(busv, 2, new Rng(2))).not.toEqual(order);
  });

  it('inverse-frequency weights make both classes weigh the same in total', () => {
    const [w0, w1] = inverseFrequencyWeights(busv, 2);
    expect(w0).toBeCloseTo(188 / (2 * 113), 12);
    expect(w1).toBeCloseTo(188 / (2 * 75), 12);
    expect(113 * w0).toBeCloseTo(75 * w1, 9);
  });

  it('a plain epoch is a permutation', () => {
    expect([...shuffledOrder(10, new Rng(3))].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
