import { describe, expect, it } from 'vitest';
import { fastAtan2, fastLn } from './fast-math';

describe('fast math', () => {
  it('fastLn is within 1e-3 of Math.log over 12 decades', () => {
    for (let e = -9; e <= 3; e += 0.137) {
      const x = 10 ** e;
      expect(Math.abs(fastLn(x) - Math.log(x))).toBeLessThan(1e-3);
    }
  });

  it('fastAtan2 is within 2e-4 rad of Math.atan2 all round', () => {
    for (let t = -Math.PI; t <= Math.PI; t += 0.01) {
      for (const r of [0.3, 2]) expect(Math.abs(fastAtan2(r * Math.sin(t), r * Math.cos(t)) - Math.atan2(Math.sin(t), Math.cos(t)))).toBeLessThan(2e-4);
    }
    expect(fastAtan2(0, 0)).toBe(0);
  });
});
