import { describe, expect, it } from 'vitest';
import { paperTable1, paperTable2 } from './paper';

describe("the paper's numbers", () => {
  it('Table 2 cells by model, ratio and regime ([F1, Acc] in tables.json)', () => {
    expect(paperTable2('c3d', '7:3', 'real')).toEqual({ f1: 70.96, accuracy: 73.21 });
    expect(paperTable2('c3d', '7:3', 'synthetic:cinn')).toEqual({ f1: 32.89, accuracy: 44.64 });
    expect(paperTable2('atmnet', '3:7', 'real+synthetic:lddm')).toEqual({ f1: 70.72, accuracy: 72.31 });
    expect(paperTable2('tdn', '5:5', 'real+synthetic:lddm')).toEqual({ f1: 80.4, accuracy: 78.66 });
  });

  it('Table 1 rows; metrics the paper does not report are null', () => {
    expect(paperTable1('lddm', 'fvd')).toBe(53.82);
    expect(paperTable1('cinn', 'div')).toBe(2.23);
    expect(paperTable1('lddm', 'ssim')).toBeNull();
  });
});
