import { describe, expect, it } from 'vitest';
import { classificationMetrics, f1Kind, F1_DEFINITION, MACRO_F1_DEFINITION } from './metrics';

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

  it('reports macro-F1 as the F1 for classes other than the paper\'s, and for three classes', () => {
    // three classes; confusion [[2,1,0],[0,1,1],[0,0,3]]
    const labels = [0, 0, 0, 1, 1, 2, 2, 2];
    const preds = [0, 0, 1, 1, 2, 2, 2, 2];
    const m = classificationMetrics(labels, preds, 3, ['cyst', 'nodule', 'normal']);
    // one-vs-rest F1: class 0 2*2/(4+0+1) = 0.8; class 1 2*1/(2+1+1) = 0.5; class 2 2*3/(6+1+0) = 6/7
    expect(m.macroF1).toBeCloseTo((0.8 + 0.5 + 6 / 7) / 3, 12);
    expect(m.f1).toBe(m.macroF1);
    expect(m.f1Definition).toBe(MACRO_F1_DEFINITION);
    expect(m.recallPerClass).toEqual([2 / 3, 1 / 2, 1]);
    // two classes with other names: no positive class, macro-F1
    const two = classificationMetrics([0, 1, 1], [0, 1, 0], 2, ['negative', 'positive']);
    expect(two.f1Definition).toBe(MACRO_F1_DEFINITION);
    // the paper's classes keep the malignant-positive F1
    const paper = classificationMetrics([0, 1, 1], [0, 1, 0], 2, ['benign', 'malignant']);
    expect(paper.f1Definition).toBe(F1_DEFINITION);
    expect(paper.f1).toBeCloseTo(2 / 3, 12);
    expect(f1Kind(['benign', 'malignant'])).toBe('binary');
    expect(f1Kind(['malignant', 'benign'])).toBe('macro');
    expect(() => classificationMetrics([0], [0], 2, ['a'])).toThrow(/1 class names for 2 classes/);
  });
});
