import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  return a;
}

describe('symmetricEigen', () => {
  it('diagonalises a 2x2 matrix by hand: [[2,1],[1,2]] has eigenvalues 1 and 3', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(1, 12);
    expect(values[1]).toBeCloseTo(3, 12);
    // The eigenvector of 3 is (1, 1) / sqrt(2) up to sign.
    expect(Math.abs(vectors[0 * 2 + 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0 * 2 + 1] * vectors[1 * 2 + 1]).toBeCloseTo(0.5, 12);
  });

  it('reconstructs A = V diag(l) V^T with orthonormal V for a random 12x12 matrix', () => {
    const n = 12;
    const a = randomSymmetric(n, 3);
    const { values, vectors: v } = symmetricEigen(a, n);
    for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rec = 0;
        let dot = 0;
        for (let k = 0; k < n; k++) {
          rec += v[i * n + k] * values[k] * v[j * n + k];
          dot += v[k * n + i] * v[k * n + j];
        }
        expect(rec).toBeCloseTo(a[i * n + j], 10);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('handles a rank-deficient matrix (zero eigenvalues) and a diagonal one', () => {
    const u = [1, 2, 3];
    const rank1 = u.flatMap((x) => u.map((y) => x * y));
    const { values } = symmetricEigen(rank1, 3);
    expect(Math.abs(values[0])).toBeLessThan(1e-12);
    expect(Math.abs(values[1])).toBeLessThan(1e-12);
    expect(values[2]).toBeCloseTo(14, 12);
    expect([...symmetricEigen([5, 0, 0, 0, -1, 0, 0, 0, 2], 3).values]).toEqual([-1, 2, 5]);
  });
});

describe('symmetricEigen without vectors', () => {
  it('gives the same eigenvalues as the full decomposition', () => {
    const n = 15;
    const a = randomSymmetric(n, 7);
    const full = symmetricEigen(a, n).values;
    const only = symmetricEigen(a, n, { vectors: false });
    expect(only.vectors.length).toBe(0);
    for (let i = 0; i < n; i++) expect(only.values[i]).toBeCloseTo(full[i], 10);
  });
});
