import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperSchedule } from '../testing/profile-sections';
import { qSample, sampleTimesteps } from './forward-process';
import { standardNormal } from '@lddm/nn';
import { NoiseSchedule } from './noise-schedule';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('qSample', () => {
  const schedule = new NoiseSchedule(paperSchedule({ kind: 'linear', timesteps: 1000 }));

  it('has the closed-form marginal q(z_t | z_0) = N(sqrt(abar_t) z_0, (1 - abar_t) I) at several t', () => {
    // Per t, 20k scalars noised from one z_0 value per t (rows of [4, 20000], one t per row).
    const ts = [1, 50, 300, 700, 1000];
    const z0Values = [2, -1.5, 0.7, 3, 1];
    const n = 20_000;
    const z0 = tf.tensor2d(z0Values.flatMap((v) => new Array<number>(n).fill(v)), [ts.length, n]);
    const eps = standardNormal([ts.length, n], new Rng(42));
    const zt = qSample(schedule, z0, ts, eps);
    const values = zt.dataSync();
    tf.dispose([z0, eps, zt]);
    ts.forEach((t, row) => {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += values[row * n + i] / n;
      let variance = 0;
      for (let i = 0; i < n; i++) variance += (values[row * n + i] - mean) ** 2 / (n - 1);
      const expectedVar = 1 - schedule.alphaBar[t];
      // Standard errors: sqrt(var / n) for the mean, var sqrt(2 / n) for the variance; ~5 of them.
      expect(Math.abs(mean - schedule.sqrtAlphaBar[t] * z0Values[row])).toBeLessThan(5 * Math.sqrt(expectedVar / n) + 1e-6);
      expect(Math.abs(variance - expectedVar)).toBeLessThan(5 * expectedVar * Math.sqrt(2 / n) + 1e-9);
    });
  });

  it('noises each row to its own t, entry by entry, and leaks nothing', () => {
    const z0 = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
    const eps = tf.tensor3d([0.5, -1, 0, 2, 1, 1, -1, 0.25], [2, 2, 2]);
    const before = tf.memory().numTensors;
    const zt = qSample(schedule, z0, [10, 900], eps);
    expect(tf.memory().numTensors).toBe(before + 1);
    const z0v = z0.dataSync();
    const ev = eps.dataSync();
    Array.from(zt.dataSync()).forEach((v, i) => {
      const t = i < 4 ? 10 : 900;
      expect(v).toBeCloseTo(schedule.sqrtAlphaBar[t] * z0v[i] + schedule.sqrtOneMinusAlphaBar[t] * ev[i], 5);
    });
    const same = qSample(schedule, z0, [0, 0], eps);
    expect(Array.from(same.dataSync())).toEqual(Array.from(z0v));
    tf.dispose([z0, eps, zt, same]);
  });

  it('checks its arguments', () => {
    const z0 = tf.zeros([2, 3]);
    const eps = tf.zeros([2, 3]);
    expect(() => qSample(schedule, z0, [1], eps)).toThrow(/batch 2 but 1 timesteps/);
    expect(() => qSample(schedule, z0, [1, 1001], eps)).toThrow(/1001/);
    expect(() => qSample(schedule, z0, [1, 2], tf.zeros([3, 2]))).toThrow(/eps shape/);
    tf.dispose([z0, eps]);
  });
});

describe('sampleTimesteps', () => {
  it('draws t uniformly from 1..T, reproducibly', () => {
    const schedule = new NoiseSchedule(paperSchedule({ timesteps: 10 }));
    const ts = sampleTimesteps(schedule, 20_000, new Rng(3));
    const counts = new Array<number>(11).fill(0);
    for (const t of ts) counts[t]++;
    expect(counts[0]).toBe(0);
    // Each of the 10 values ~2000 times (binomial sd ~42).
    for (let t = 1; t <= 10; t++) expect(Math.abs(counts[t] - 2000)).toBeLessThan(200);
    expect(sampleTimesteps(schedule, 50, new Rng(9))).toEqual(sampleTimesteps(schedule, 50, new Rng(9)));
  });
});
