import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperSchedule } from '../testing/profile-sections';
import { gaussianOptimalDenoiser } from './gaussian-oracle';
import { epsilonLoss } from './loss';
import { standardNormal } from '@lddm/nn';
import { NoiseSchedule } from './noise-schedule';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('gaussianOptimalDenoiser', () => {
  it('attains the minimum of eq. 3 for Gaussian data, abar sigma^2 / (abar sigma^2 + 1 - abar), and beats a rescaled guess', () => {
    // For jointly Gaussian (eps, z_t) the residual variance of E[eps | z_t] is
    // 1 - Cov^2 / Var = 1 - (1 - abar) / (abar sigma^2 + 1 - abar).
    const schedule = new NoiseSchedule(paperSchedule({ timesteps: 1000 }));
    const [mu, sigma, n] = [0.8, 0.6, 20_000];
    const oracle = gaussianOptimalDenoiser(schedule, mu, sigma);
    const rng = new Rng(17);
    for (const t of [20, 300, 800]) {
      const z0 = tf.tidy(() => tf.add(tf.mul(standardNormal([n, 1], rng), sigma), mu));
      const eps = standardNormal([n, 1], rng);
      const ts = new Array<number>(n).fill(t);
      const a = schedule.alphaBar[t];
      const minimum = (a * sigma ** 2) / (a * sigma ** 2 + 1 - a);
      const loss = epsilonLoss({ schedule, model: oracle, z0, cond: undefined, t: ts, eps });
      const value = loss.dataSync()[0];
      expect(Math.abs(value / minimum - 1)).toBeLessThan(0.05);
      const scaled = epsilonLoss({
        schedule,
        model: (zt, tt) => tf.tidy(() => tf.mul(oracle(zt, tt, undefined), 1.2)),
        z0,
        cond: undefined,
        t: ts,
        eps,
      });
      expect(scaled.dataSync()[0]).toBeGreaterThan(value);
      tf.dispose([z0, eps, loss, scaled]);
    }
  });

  it('takes one mu per latent entry and leaks nothing', () => {
    const schedule = new NoiseSchedule(paperSchedule({ timesteps: 10 }));
    const oracle = gaussianOptimalDenoiser(schedule, [1, -1], 0.5);
    const zt = tf.tensor2d([0, 0, 1, 1], [2, 2]);
    const t = tf.tensor1d([3, 7], 'int32');
    const before = tf.memory().numTensors;
    const out = oracle(zt, t, undefined);
    expect(tf.memory().numTensors).toBe(before + 1);
    const got = Array.from(out.dataSync());
    [0, 0, 1, 1].forEach((z, i) => {
      const a = schedule.alphaBar[i < 2 ? 3 : 7];
      const m = i % 2 === 0 ? 1 : -1;
      expect(got[i]).toBeCloseTo(((z - Math.sqrt(a) * m) * Math.sqrt(1 - a)) / (a * 0.25 + 1 - a), 5);
    });
    tf.dispose([zt, t, out]);
  });
});
