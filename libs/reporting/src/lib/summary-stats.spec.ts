import { describe, expect, it } from 'vitest';
import { compare, summarize } from './summary-stats';

describe('summarize', () => {
  it('mean and sample std (n - 1), NaN ignored', () => {
    const s = summarize([70, 74, Number.NaN])!;
    expect(s.n).toBe(2);
    expect(s.mean).toBeCloseTo(72, 12);
    expect(s.std).toBeCloseTo(Math.SQRT2 * 2, 12);
    expect(summarize([5])).toEqual({ n: 1, mean: 5, std: 0 });
    expect(summarize([])).toBeNull();
  });
});

describe('compare', () => {
  it('delta is ours - paper; better follows the metric direction', () => {
    expect(compare(72, 70, 'higher')).toEqual({ delta: 2, oursBetter: true });
    expect(compare(72, 70, 'lower')).toEqual({ delta: 2, oursBetter: false });
    expect(compare(70, 70, 'higher')).toEqual({ delta: 0, oursBetter: null });
    expect(compare(null, 70, 'higher')).toEqual({ delta: null, oursBetter: null });
  });
});
