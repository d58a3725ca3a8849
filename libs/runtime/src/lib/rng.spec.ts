import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from './rng';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('deriveSeed', () => {
  it('is a deterministic uint32', () => {
    const s = deriveSeed(42, 'data', 'fold-1');
    expect(s).toBe(deriveSeed(42, 'data', 'fold-1'));
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  it('gives different seeds for different seeds, paths and path splits', () => {
    const seeds = [
      deriveSeed(42),
      deriveSeed(43),
      deriveSeed(42, 'a'),
      deriveSeed(42, 'b'),
      deriveSeed(42, 'a', 'bc'),
      deriveSeed(42, 'ab', 'c'),
      deriveSeed(42, 'a', 'b'),
      deriveSeed(42, 'b', 'a'),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('streams from sibling paths are uncorrelated', () => {
    const n = 20_000;
    const a = draws(new Rng(deriveSeed(7, 'x')), n);
    const b = draws(new Rng(deriveSeed(7, 'y')), n);
    const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    const cov = a.reduce((s, x, i) => s + (x - ma) * (b[i] - mb), 0) / n;
    const corr = cov / (1 / 12); // var of U(0,1) is 1/12
    expect(Math.abs(corr)).toBeLessThan(0.03); // ~4 sigma for n = 20k
  });

  it('rejects non-integer seeds', () => {
    expect(() => deriveSeed(1.5)).toThrow(/safe integer/);
  });
});

describe('Rng', () => {
  it('same seed -> same sequence; different seed -> different sequence', () => {
    expect(draws(new Rng(1), 100)).toEqual(draws(new Rng(1), 100));
    expect(draws(new Rng(1), 100)).not.toEqual(draws(new Rng(2), 100));
    expect(draws(new Rng(1), 10)).not.toEqual(draws(new Rng(1 + 2 ** 32), 10));
  });

  it('next() is in [0, 1) with a uniform mean and variance', () => {
    const v = draws(new Rng(3), 100_000);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(1);
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const variance = v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('normal() over 1e5 samples has the requested mean and variance', () => {
    const rng = new Rng(11);
    const n = 100_000;
    const v = Array.from({ length: n }, () => rng.normal(3, 2));
    const mean = v.reduce((s, x) => s + x, 0) / n;
    const variance = v.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    // Standard errors: 2/sqrt(n) ~ 0.0063 for the mean, 4*sqrt(2/n) ~ 0.018 for the variance.
    expect(Math.abs(mean - 3)).toBeLessThan(0.03);
    expect(Math.abs(variance - 4)).toBeLessThan(0.08);
    const within1 = v.filter((x) => Math.abs(x - 3) < 2).length / n;
    expect(Math.abs(within1 - 0.6827)).toBeLessThan(0.01);
  });

  it('uniform(lo, hi) stays in range', () => {
    const rng = new Rng(5);
    const v = Array.from({ length: 10_000 }, () => rng.uniform(-2, 3));
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...v)).toBeLessThan(3);
  });

  it('int(n) covers [0, n) evenly', () => {
    const rng = new Rng(9);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(() => rng.int(0)).toThrow(/integer in \[1, 2\^32\]/);
    expect(() => rng.int(2.5)).toThrow();
  });

  it('shuffle returns a new permutation and leaves the input alone', () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const out = new Rng(4).shuffle(input);
    expect(input).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(out).not.toEqual(input);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
    expect(new Rng(4).shuffle(input)).toEqual(out);
  });

  it('shuffle is unbiased on 3 elements', () => {
    const rng = new Rng(6);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = rng.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('choice picks members and rejects an empty array', () => {
    const rng = new Rng(8);
    const picks = new Set(Array.from({ length: 200 }, () => rng.choice(['x', 'y', 'z'])));
    expect(picks).toEqual(new Set(['x', 'y', 'z']));
    expect(() => rng.choice([])).toThrow(/empty/);
  });

  it('child(name) depends on the seed and name only, not on draws made so far', () => {
    const a = new Rng(12);
    const b = new Rng(12);
    draws(b, 17);
    expect(draws(a.child('init'), 5)).toEqual(draws(b.child('init'), 5));
    expect(draws(a.child('init'), 5)).not.toEqual(draws(a.child('data'), 5));
    expect(a.child('init').seed).toBe(deriveSeed(12, 'init'));
  });

  it('tensorSeed() gives reproducible integer seeds', () => {
    const rng = new Rng(13);
    const seeds = Array.from({ length: 5 }, () => rng.tensorSeed());
    expect(seeds.every(Number.isInteger)).toBe(true);
    expect(new Set(seeds).size).toBe(5);
    const r1 = new Rng(13);
    const r2 = new Rng(13);
    expect([r1.tensorSeed(), r1.tensorSeed()]).toEqual([r2.tensorSeed(), r2.tensorSeed()]);
  });
});
