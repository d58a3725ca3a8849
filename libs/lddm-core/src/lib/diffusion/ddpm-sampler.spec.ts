import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperSampler, paperSchedule } from '../testing/profile-sections';
import { DdpmSampler } from './ddpm-sampler';
import { NoiseSchedule } from './noise-schedule';
import { samplerContract } from './testing/sampler-contract';
import { sampleLoop } from './sampler';

beforeAll(async () => {
  await initBackend('wasm');
});

samplerContract('DDPM, sigma_t^2 = beta-tilde_t', {
  make: (s) => new DdpmSampler(s, paperSampler({ variance: 'posterior' })),
  recovery: { mean: 0.06, relativeVariance: 0.1 },
});
samplerContract('DDPM, sigma_t^2 = beta_t', {
  make: (s) => new DdpmSampler(s, paperSampler({ variance: 'beta' })),
  recovery: { mean: 0.06, relativeVariance: 0.1 },
});

describe('DdpmSampler', () => {
  it('takes sigma_t from the chosen variance', () => {
    const s = new NoiseSchedule(paperSchedule({ timesteps: 100 }));
    expect(new DdpmSampler(s, paperSampler({ variance: 'beta' })).sigma(50)).toBeCloseTo(Math.sqrt(s.beta[50]), 12);
    expect(new DdpmSampler(s, paperSampler()).sigma(50)).toBeCloseTo(Math.sqrt(s.posteriorVariance[50]), 12);
    expect(new DdpmSampler(s, paperSampler()).sigma(1)).toBe(0);
  });

  it('adds noise on every step but the last (Algorithm 2: n = 0 at t = 1)', () => {
    const s = new NoiseSchedule(paperSchedule({ timesteps: 5 }));
    const model = (zt: tf.Tensor): tf.Tensor => tf.mul(zt, 0.1);
    for (const variance of ['beta', 'posterior'] as const) {
      const rng = new Rng(13);
      sampleLoop(new DdpmSampler(s, paperSampler({ variance })), { model, shape: [2, 2], cond: undefined, rng }).dispose();
      // z_T and steps t = 5..2 draw 4 normals each: 20 in all, none at t = 1.
      const fresh = new Rng(13);
      for (let i = 0; i < 20; i++) fresh.normal();
      expect(rng.next()).toBe(fresh.next());
    }
  });

  it('is one step of eq. 11 on T = 1: z_0 = (z_1 - beta_1 / sqrt(1 - abar_1) eps) / sqrt(alpha_1)', () => {
    const s = new NoiseSchedule(paperSchedule({ timesteps: 1, betaStart: 0.3, betaEnd: 0.3 }));
    const eps = (zt: tf.Tensor): tf.Tensor => tf.mul(zt, 0.5);
    const out = sampleLoop(new DdpmSampler(s, paperSampler()), { model: eps, shape: [2, 3], cond: undefined, rng: new Rng(5) });
    const zT = new Rng(5);
    const expected = Array.from({ length: 6 }, () => {
      const z1 = Math.fround(zT.normal());
      return (z1 - (0.3 / Math.sqrt(0.3)) * 0.5 * z1) / Math.sqrt(0.7);
    });
    const got = Array.from(out.dataSync());
    out.dispose();
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('clipDenoised clamps the predicted z_0 before each step; off (0) it is eq. 11 as written', () => {
    const s = new NoiseSchedule(paperSchedule({ timesteps: 50 }));
    // A model whose eps is far off: its predicted z_0 is huge.
    const wild = (zt: tf.Tensor): tf.Tensor => tf.mul(zt, -20);
    const run = (clipDenoised: number) => {
      const out = sampleLoop(new DdpmSampler(s, paperSampler({ clipDenoised })), { model: wild, shape: [4, 6], cond: null, rng: new Rng(1) });
      const v = Array.from(out.dataSync());
      out.dispose();
      return v;
    };
    const clipped = run(3);
    const free = run(0);
    // The last step returns the posterior mean towards z0Hat in [-3, 3] (t = 1: c0 = 1, ct = 0).
    expect(Math.max(...clipped.map(Math.abs))).toBeLessThanOrEqual(3 + 1e-5);
    expect(Math.max(...free.map(Math.abs))).toBeGreaterThan(10);
    // The z0Hat form equals eq. 11 when nothing is clipped (a clip far above every value).
    const model = (zt: tf.Tensor): tf.Tensor => tf.mul(zt, 0.3);
    const same = (c: number) => {
      const out = sampleLoop(new DdpmSampler(s, paperSampler({ clipDenoised: c })), { model, shape: [3, 4], cond: null, rng: new Rng(4) });
      const v = Array.from(out.dataSync());
      out.dispose();
      return v;
    };
    same(1e6).forEach((v, i) => expect(v).toBeCloseTo(same(0)[i], 3));
  });
});
