import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { featureStatistics, frechetDistance } from './frechet-distance';

function gaussianSet(n: number, d: number, seed: number, scale = 1): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n * d }, (_, i) => rng.normal() * scale * (1 + (i % d) / d));
}

describe('featureStatistics', () => {
  it('gives the mean and the unbiased (n - 1) covariance', () => {
    // Rows (1, 2), (3, 6), (5, 4): mean (3, 4); deviations (-2,-2), (0,2), (2,0).
    const s = featureStatistics(Float32Array.from([1, 2, 3, 6, 5, 4]), 3, 2);
    expect([...s.mean]).toEqual([3, 4]);
    expect([...s.cov]).toEqual([8 / 2, 4 / 2, 4 / 2, 8 / 2]);
  });
});

describe('frechetDistance', () => {
  it('matches the 1-D closed form (mu1 - mu2)^2 + (s1 - s2)^2', () => {
    // Set a: 0, 2 -> mean 1, var 2. Set b: 1, 4, 7 -> mean 4, var 9.
    const value = frechetDistance({ data: Float64Array.from([0, 2]), n: 2, d: 1 }, { data: Float64Array.from([1, 4, 7]), n: 3, d: 1 });
    expect(value).toBeCloseTo(9 + (Math.sqrt(2) - 3) ** 2, 12);
  });

  it('matches a hand-computed 2-D value: Tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)) for 2x2 M', () => {
    const s1 = Float64Array.from([2, 0, 0, 8]);
    const s2 = Float64Array.from([4, 1, 1, 2]);
    const a = { mean: Float64Array.from([0, 0]), cov: s1, d: 2 };
    const b = { mean: Float64Array.from([1, 2]), cov: s2, d: 2 };
    // M = sqrt(S1) S2 sqrt(S1) = [[8, 4], [4, 16]]: tr 24, det 112.
    const expected = 5 + 10 + 6 - 2 * Math.sqrt(24 + 2 * Math.sqrt(112));
    expect(frechetDistance(a, b)).toBeCloseTo(expected, 12);
  });

  it('is 0 for identical sets, symmetric, and |d|^2 for a translated copy', () => {
    const n = 40;
    const d = 6;
    const x = gaussianSet(n, d, 1);
    const y = gaussianSet(n, d, 2, 1.5);
    const setX = { data: x, n, d };
    const setY = { data: y, n, d };
    const scale = frechetDistance(setX, setY);
    expect(scale).toBeGreaterThan(0.1);
    expect(Math.abs(frechetDistance(setX, setX))).toBeLessThan(1e-8 * scale);
    expect(frechetDistance(setY, setX)).toBeCloseTo(scale, 10);
    const shift = [1, -2, 0.5, 0, 3, -1];
    const moved = x.map((v, i) => v + shift[i % d]);
    expect(frechetDistance(setX, { data: moved, n, d })).toBeCloseTo(shift.reduce((s, v) => s + v * v, 0), 8);
  });

  it('stays finite when covariances are singular and matches the rank-1 closed form |u . v|', () => {
    // Two samples per set in 5-D: S1 = u u^T, S2 = v v^T with u = (x1 - x2) / sqrt 2, so
    // Tr (sqrt(S1) S2 sqrt(S1))^(1/2) = |u . v| and d^2 = |mu1 - mu2|^2 + |u|^2 + |v|^2 - 2 |u . v|.
    const x = [1, 2, 0, -1, 3, 0, 1, 2, 1, -1];
    const y = [2, 0, 1, 1, 1, -1, 3, 0, 2, 2];
    const d = 5;
    const diff = (rows: number[], j: number): number => (rows[j] - rows[d + j]) / Math.SQRT2;
    const mid = (rows: number[], j: number): number => (rows[j] + rows[d + j]) / 2;
    let expected = 0;
    let uv = 0;
    for (let j = 0; j < d; j++) {
      expected += (mid(x, j) - mid(y, j)) ** 2 + diff(x, j) ** 2 + diff(y, j) ** 2;
      uv += diff(x, j) * diff(y, j);
    }
    expected -= 2 * Math.abs(uv);
    const value = frechetDistance({ data: Float64Array.from(x), n: 2, d }, { data: Float64Array.from(y), n: 2, d });
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeCloseTo(expected, 10);
  });

  it('stays finite with many more dimensions than samples', () => {
    const n = 8;
    const d = 64;
    const value = frechetDistance({ data: gaussianSet(n, d, 5), n, d }, { data: gaussianSet(n, d, 6), n, d });
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(0);
  });

  it('from rows with fewer samples than dimensions equals the d x d statistics route', () => {
    for (const [n1, n2, d] of [
      [6, 9, 20],
      [12, 5, 16],
      [8, 8, 8],
    ]) {
      const a = { data: gaussianSet(n1, d, 7), n: n1, d };
      const b = { data: gaussianSet(n2, d, 8, 1.5), n: n2, d };
      const viaRows = frechetDistance(a, b);
      const viaStats = frechetDistance(featureStatistics(a.data, n1, d), featureStatistics(b.data, n2, d));
      // Two eigen-solver routes in float64: equal to rounding.
      expect(Math.abs(viaRows - viaStats) / viaStats).toBeLessThan(1e-7);
      expect(Math.abs(frechetDistance(a, a)) / viaStats).toBeLessThan(1e-7);
    }
  });
});
