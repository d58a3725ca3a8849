import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperSampler, paperSchedule } from '../testing/profile-sections';
import { DdpmSampler } from './ddpm-sampler';
import { NoiseSchedule } from './noise-schedule';
import { samplerContract } from './testing/sampler-contract';

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
      new DdpmSampler(s, paperSampler({ variance })).sample({ model, shape: [2, 2], cond: undefined, rng }).dispose();
      // z_T and steps t = 5..2 draw 4 normals each: 20 in all, none at t = 1.
      const fresh = new Rng(13);
      for (let i = 0; i < 20; i++) fresh.normal();
      expect(rng.next()).toBe(fresh.next());
    }
  });

  it('is one step of eq. 11 on T = 1: z_0 = (z_1 - beta_1 / sqrt(1 - abar_1) eps) / sqrt(alpha_1)', () => {
    const s = new NoiseSchedule(paperSchedule({ timesteps: 1, betaStart: 0.3, betaEnd: 0.3 }));
    const eps = (zt: tf.Tensor): tf.Tensor => tf.mul(zt, 0.5);
    const out = new DdpmSampler(s, paperSampler()).sample({ model: eps, shape: [2, 3], cond: undefined, rng: new Rng(5) });
    const zT = new Rng(5);
    const expected = Array.from({ length: 6 }, () => {
      const z1 = Math.fround(zT.normal());
      return (z1 - (0.3 / Math.sqrt(0.3)) * 0.5 * z1) / Math.sqrt(0.7);
    });
    const got = Array.from(out.dataSync());
    out.dispose();
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });
});
