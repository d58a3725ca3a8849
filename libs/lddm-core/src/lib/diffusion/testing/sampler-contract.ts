// The contract every Sampler inherits (as diffusers' SchedulerCommonTest): call
// `samplerContract(...)` inside a spec file. It checks the loop's bookkeeping, that samples of the
// exact optimal denoiser for Gaussian data follow that Gaussian, seeding and tensor hygiene.
import { standardNormal } from '@lddm/nn';
import { Rng, tf } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { paperSchedule } from '../../testing/profile-sections';
import { gaussianOptimalDenoiser } from '../gaussian-oracle';
import { NoiseSchedule } from '../noise-schedule';
import { sampleLoop, type Sampler } from '../sampler';

export interface SamplerContractOptions {
  /** Builds the sampler under test on a schedule. */
  make: (schedule: NoiseSchedule) => Sampler;
  /**
   * Allowed |sample mean - mu| per latent entry and |sample variance / sigma^2 - 1|; undefined
   * skips the recovery check (a sampler too coarse to recover the Gaussian, reasoned in the spec).
   */
  recovery?: { mean: number; relativeVariance: number };
  /** Whether the same seed must give a bitwise identical sample. */
  deterministicForSeed?: boolean;
}

/** The known data distribution: z_0 ~ N(mu, sigma^2 I) over a 4-entry latent. */
export const GAUSSIAN_MU = [1.5, -1, 0.5, 0] as const;
export const GAUSSIAN_SIGMA = 0.5;
const SAMPLES = 1000;

export function samplerContract(label: string, options: SamplerContractOptions): void {
  describe(`Sampler contract: ${label}`, () => {
    const schedule = new NoiseSchedule(paperSchedule({ kind: 'linear', timesteps: 1000 }));
    const model = gaussianOptimalDenoiser(schedule, GAUSSIAN_MU, GAUSSIAN_SIGMA);
    const shape = [SAMPLES, GAUSSIAN_MU.length];

    it('calls the model at its timesteps, descending in 1..T, and reports each step', () => {
      const sampler = options.make(schedule);
      const seen: number[] = [];
      const ts = sampler.timesteps;
      expect(ts.length).toBe(sampler.steps);
      expect(ts[0]).toBe(schedule.timesteps);
      for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeLessThan(ts[i - 1]);
      expect(ts[ts.length - 1]).toBeGreaterThanOrEqual(1);
      const counting = (zt: tf.Tensor, t: tf.Tensor1D): tf.Tensor => {
        const values = Array.from(t.dataSync());
        expect(new Set(values).size).toBe(1);
        seen.push(values[0]);
        return model(zt, t, undefined);
      };
      const steps: number[] = [];
      const out = sampleLoop(sampler, {
        model: counting,
        shape: [3, GAUSSIAN_MU.length],
        cond: undefined,
        rng: new Rng(1),
        onStep: (info) => {
          expect(info.steps).toBe(sampler.steps);
          expect(info.t).toBe(ts[info.step - 1]);
          expect(info.tPrev).toBe(ts[info.step] ?? 0);
          steps.push(info.step);
        },
      });
      expect(out.shape).toEqual([3, GAUSSIAN_MU.length]);
      expect(seen).toEqual([...ts]);
      expect(steps).toEqual(ts.map((_, i) => i + 1));
      out.dispose();
    });

    if (options.recovery !== undefined) {
      const tol = options.recovery;
      it('recovers mu and sigma^2 of Gaussian data with the exact optimal denoiser', () => {
        const sampler = options.make(schedule);
        const out = sampleLoop(sampler, { model, shape, cond: undefined, rng: new Rng(2024) });
        const values = out.dataSync();
        out.dispose();
        const d = GAUSSIAN_MU.length;
        let pooledVariance = 0;
        for (let j = 0; j < d; j++) {
          let mean = 0;
          for (let i = 0; i < SAMPLES; i++) mean += values[i * d + j] / SAMPLES;
          expect(Math.abs(mean - GAUSSIAN_MU[j])).toBeLessThan(tol.mean);
          for (let i = 0; i < SAMPLES; i++) pooledVariance += (values[i * d + j] - mean) ** 2 / ((SAMPLES - 1) * d);
        }
        expect(Math.abs(pooledVariance / GAUSSIAN_SIGMA ** 2 - 1)).toBeLessThan(tol.relativeVariance);
      });
    }

    it('is reproducible from the seed: the same seed gives the same sample, another seed another', () => {
      const sampler = options.make(schedule);
      const draw = (seed: number): Float32Array => {
        const out = sampleLoop(sampler, { model, shape: [8, 4], cond: undefined, rng: new Rng(seed) });
        const data = out.dataSync() as Float32Array;
        out.dispose();
        return data;
      };
      const a = draw(7);
      if (options.deterministicForSeed ?? true) expect(draw(7)).toEqual(a);
      expect(draw(8)).not.toEqual(a);
    });

    it('step() moves z_t to z_{tPrev} of the same shape, leaves z_t alone, and the loop is exactly step() chained from z_T', () => {
      const sampler = options.make(schedule);
      const rng = new Rng(77);
      const before = tf.memory().numTensors;
      let z = standardNormal([5, GAUSSIAN_MU.length], rng);
      for (const [i, t] of sampler.timesteps.entries()) {
        const next = sampler.step({ model, zt: z, t, tPrev: sampler.timesteps[i + 1] ?? 0, cond: undefined, rng });
        expect(next.shape).toEqual(z.shape);
        expect(z.isDisposed).toBe(false);
        z.dispose();
        z = next;
      }
      expect(tf.memory().numTensors).toBe(before + 1);
      const looped = sampleLoop(sampler, { model, shape: [5, GAUSSIAN_MU.length], cond: undefined, rng: new Rng(77) });
      expect(Array.from(looped.dataSync())).toEqual(Array.from(z.dataSync()));
      tf.dispose([z, looped]);
    });

    it('leaks no tensor, also when the model fails', () => {
      const sampler = options.make(schedule);
      const before = tf.memory().numTensors;
      const out = sampleLoop(sampler, { model, shape: [4, 4], cond: undefined, rng: new Rng(3) });
      expect(tf.memory().numTensors).toBe(before + 1);
      out.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const wrongShape = (zt: tf.Tensor): tf.Tensor => tf.zeros([zt.shape[0], 5]);
      expect(() => sampleLoop(sampler, { model: wrongShape, shape: [4, 4], cond: undefined, rng: new Rng(3) })).toThrow(
        /the model returned \[4, 5\]/,
      );
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
