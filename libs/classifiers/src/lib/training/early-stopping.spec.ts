import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './early-stopping';

describe('EarlyStopping', () => {
  it('keeps the first best epoch and stops after `patience` epochs without improvement', () => {
    const s = new EarlyStopping(2);
    expect([0.5, 0.7, 0.7, 0.6].map((v, e) => s.observe(e, v))).toEqual([true, true, false, false]);
    expect(s.bestEpoch).toBe(1);
    expect(s.bestValue).toBe(0.7);
    expect(s.shouldStop).toBe(true);
  });

  it('never stops with patience 0', () => {
    const s = new EarlyStopping(0);
    for (let e = 0; e < 10; e++) s.observe(e, 0);
    expect(s.shouldStop).toBe(false);
    expect(s.bestEpoch).toBe(0);
  });
});
