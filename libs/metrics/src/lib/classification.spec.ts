import { describe, expect, it } from 'vitest';
import { accuracy, binaryF1, macroF1 } from './classification';

describe('classification metrics', () => {
  const truth = [1, 1, 1, 0, 0, 2];
  const predicted = [1, 0, 1, 0, 1, 2];

  it('accuracy counts exact matches', () => {
    expect(accuracy(predicted, truth)).toBeCloseTo(4 / 6, 12);
    expect(() => accuracy([1], [1, 0])).toThrow(/1 predictions for 2 labels/);
  });

  it('binary F1 of class 1: TP 2, FP 1, FN 1 -> 4 / 6', () => {
    expect(binaryF1(predicted, truth)).toBeCloseTo(4 / 6, 12);
    expect(binaryF1([0, 0], [0, 0])).toBe(0);
  });

  it('macro F1 averages per-class F1: class 0 (TP 1, FP 1, FN 1) -> 1/2, class 1 -> 2/3, class 2 -> 1', () => {
    expect(macroF1(predicted, truth)).toBeCloseTo((1 / 2 + 2 / 3 + 1) / 3, 12);
    expect(macroF1(truth, truth)).toBe(1);
  });
});
