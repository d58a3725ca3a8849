import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './metrics';

describe('classificationMetrics', () => {
  it('computes the malignant-positive F1, macro F1, recalls and the [[tn, fp], [fn, tp]] confusion', () => {
    // 4 benign (3 right), 3 malignant (2 right): tn 3, fp 1, fn 1, tp 2.
    const labels = [0, 0, 0, 0, 1, 1, 1];
    const preds = [0, 0, 0, 1, 1, 1, 0];
    const m = classificationMetrics(labels, preds);
    expect(m.confusion).toEqual([
      [3, 1],
      [1, 2],
    ]);
    expect(m.accuracy).toBeCloseTo(5 / 7, 12);
    expect(m.f1).toBeCloseTo((2 * 2) / (2 * 2 + 1 + 1), 12);
    const benignF1 = (2 * 3) / (2 * 3 + 1 + 1);
    expect(m.macroF1).toBeCloseTo((benignF1 + 4 / 6) / 2, 12);
    expect(m.recallPerClass).toEqual([3 / 4, 2 / 3]);
    expect(m.f1Definition).toMatch(/malignant .*positive/);
  });

  it('gives F1 0 when nothing is predicted malignant, and NaN recall for an absent class', () => {
    const m = classificationMetrics([0, 0, 1], [0, 0, 0]);
    expect(m.f1).toBe(0);
    expect(m.recallPerClass[1]).toBe(0);
    expect(classificationMetrics([0, 0], [0, 1]).recallPerClass[1]).toBeNaN();
    expect(() => classificationMetrics([0, 2], [0, 0])).toThrow(/outside/);
  });
});
