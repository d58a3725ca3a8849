import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { accuracy } from './classification';
import { bootstrapCi, meanStd, quantile } from './bootstrap';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('bootstrapCi', () => {
  const rng = new Rng(9);
  const values = (n: number): number[] => Array.from({ length: n }, () => rng.normal(2, 1));

  it('contains the point estimate, is deterministic for a seed and differs across seeds', () => {
    const xs = values(50);
    const a = bootstrapCi(xs, mean, { resamples: 300, confidence: 0.95, seed: 1 });
    expect(a.estimate).toBeCloseTo(mean(xs), 12);
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
    expect(bootstrapCi(xs, mean, { resamples: 300, confidence: 0.95, seed: 1 })).toEqual(a);
    expect(bootstrapCi(xs, mean, { resamples: 300, confidence: 0.95, seed: 2 }).lower).not.toBe(a.lower);
  });

  it('narrows as n grows (about 1 / sqrt(n)) and widens with the confidence level', () => {
    const width = (n: number, confidence: number): number => {
      const ci = bootstrapCi(values(n), mean, { resamples: 400, confidence, seed: 3 });
      return ci.upper - ci.lower;
    };
    expect(width(400, 0.95)).toBeLessThan(0.6 * width(25, 0.95));
    const xs = values(60);
    const w90 = bootstrapCi(xs, mean, { resamples: 400, confidence: 0.9, seed: 4 });
    const w99 = bootstrapCi(xs, mean, { resamples: 400, confidence: 0.99, seed: 4 });
    expect(w99.upper - w99.lower).toBeGreaterThan(w90.upper - w90.lower);
  });

  it('works on per-video records, e.g. accuracy over (prediction, label) pairs', () => {
    const videos = Array.from({ length: 40 }, (_, i) => ({ p: i % 4 === 0 ? 1 : 0, t: 0 }));
    const acc = (s: readonly { p: number; t: number }[]): number => accuracy(s.map((v) => v.p), s.map((v) => v.t));
    const ci = bootstrapCi(videos, acc, { resamples: 200, seed: 5 });
    expect(ci.estimate).toBe(0.75);
    expect(ci.lower).toBeLessThanOrEqual(0.75);
    expect(ci.upper).toBeGreaterThanOrEqual(0.75);
    expect(ci.upper).toBeLessThanOrEqual(1);
  });
});

describe('quantile and meanStd', () => {
  it('interpolates linearly between order statistics', () => {
    expect(quantile([0, 10, 20, 30], 0.5)).toBe(15);
    expect(quantile([0, 10, 20, 30], 0)).toBe(0);
    expect(quantile([0, 10, 20, 30], 1)).toBe(30);
  });

  it('gives the mean and the n - 1 standard deviation', () => {
    const r = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(meanStd([3]).std).toBe(0);
  });
});
