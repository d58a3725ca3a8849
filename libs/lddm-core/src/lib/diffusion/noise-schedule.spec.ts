import { describe, expect, it } from 'vitest';
import { paperSchedule } from '../testing/profile-sections';
import { COSINE_MAX_BETA, cosineAlphaBar, NoiseSchedule } from './noise-schedule';

describe('NoiseSchedule', () => {
  it("reads the paper profile's choice: linear, T = 1000, betas 1e-4..0.02, indexed by t with t = 0 the data", () => {
    const s = new NoiseSchedule(paperSchedule());
    expect(s.config).toEqual({ timesteps: 1000, schedule: { kind: 'linear', betaStart: 1e-4, betaEnd: 0.02, cosineS: 0.008 } });
    expect(Object.isFrozen(s.config)).toBe(true);
    expect(s.beta.length).toBe(1001);
    expect([s.beta[0], s.alpha[0], s.alphaBar[0]]).toEqual([0, 1, 1]);
    expect(s.beta[1]).toBeCloseTo(1e-4, 15);
    expect(s.beta[1000]).toBeCloseTo(0.02, 15);
    // Linear in t: equal increments (0.02 - 1e-4) / 999.
    expect(s.beta[501] - s.beta[500]).toBeCloseTo((0.02 - 1e-4) / 999, 15);
    expect(Number.isNaN(s.posteriorVariance[0])).toBe(true);
  });

  it('has alpha-bar_t strictly decreasing in (0, 1) and equal to the product of alphas', () => {
    for (const kind of ['linear', 'cosine'] as const) {
      const s = new NoiseSchedule(paperSchedule({ kind, timesteps: 1000 }));
      let product = 1;
      for (let t = 1; t <= 1000; t++) {
        product *= 1 - s.beta[t];
        expect(s.alphaBar[t]).toBeCloseTo(product, 14);
        expect(s.alphaBar[t]).toBeLessThan(s.alphaBar[t - 1]);
        expect(s.alphaBar[t]).toBeGreaterThan(0);
        expect(s.sqrtAlphaBar[t] ** 2 + s.sqrtOneMinusAlphaBar[t] ** 2).toBeCloseTo(1, 14);
      }
      // The end of either schedule is (close to) pure noise.
      expect(s.alphaBar[1000]).toBeLessThan(1e-4);
    }
  });

  it('follows the closed-form cosine alpha-bar (Nichol & Dhariwal eq. 17) and clips beta at 0.999', () => {
    const T = 1000;
    const s = new NoiseSchedule(paperSchedule({ kind: 'cosine', timesteps: T, cosineS: 0.008 }));
    const closed = (t: number): number => Math.cos(((t / T + 0.008) / 1.008) * (Math.PI / 2)) ** 2 / Math.cos((0.008 / 1.008) * (Math.PI / 2)) ** 2;
    for (const t of [1, 10, 100, 250, 500, 750, 900, 990, 999]) {
      expect(s.alphaBar[t]).toBeCloseTo(closed(t), 10);
      expect(cosineAlphaBar(t, T, 0.008)).toBeCloseTo(closed(t), 14);
    }
    // f(T) = 0 would make beta_T = 1: the clip keeps alpha-bar_T positive.
    expect(s.beta[T]).toBe(COSINE_MAX_BETA);
    expect(s.alphaBar[T]).toBeCloseTo(s.alphaBar[T - 1] * (1 - COSINE_MAX_BETA), 15);
  });

  it('has the posterior variance and mean coefficients of Ho et al. eq. 7', () => {
    const s = new NoiseSchedule(paperSchedule({ timesteps: 50, betaStart: 1e-3, betaEnd: 0.2 }));
    for (const t of [1, 2, 17, 50]) {
      const [a, ap, b] = [s.alphaBar[t], s.alphaBar[t - 1], s.beta[t]];
      expect(s.posteriorVariance[t]).toBeCloseTo(((1 - ap) / (1 - a)) * b, 15);
      expect(s.posteriorMeanCoefZ0[t]).toBeCloseTo((Math.sqrt(ap) * b) / (1 - a), 15);
      expect(s.posteriorMeanCoefZt[t]).toBeCloseTo((Math.sqrt(1 - b) * (1 - ap)) / (1 - a), 15);
      // beta-tilde_t <= beta_t, and the mean is exact for z_t = sqrt(abar_t / abar_{t-1}) z_{t-1} noise-free.
      expect(s.posteriorVariance[t]).toBeLessThanOrEqual(b);
    }
    expect(s.posteriorVariance[1]).toBe(0);
    // Posterior mean of a noise-free chain: z_0 = 1 -> z_t = sqrt(abar_t) gives z_{t-1} = sqrt(abar_{t-1}).
    for (const t of [2, 30]) {
      const mean = s.posteriorMeanCoefZ0[t] * 1 + s.posteriorMeanCoefZt[t] * s.sqrtAlphaBar[t];
      expect(mean).toBeCloseTo(s.sqrtAlphaBar[t - 1], 12);
    }
  });

  // The schedule's values are validated once, by the profile (libs/config: betaStart < betaEnd < 1).
  it('rejects invalid timesteps', () => {
    const s = new NoiseSchedule(paperSchedule({ timesteps: 10 }));
    expect(() => s.checkTimestep(11, 'here')).toThrow(/here: timestep must be an integer in 1\.\.10, got 11/);
    expect(() => s.checkTimestep(0, 'here')).toThrow();
    expect(() => s.checkTimestep(0, 'here', true)).not.toThrow();
  });
});
