import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperSchedule } from '../testing/profile-sections';
import type { EpsilonModel } from './epsilon-model';
import { diffusionLoss, epsilonLoss, trainingStepInputs } from './loss';
import { NoiseSchedule } from './noise-schedule';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('epsilonLoss (the paper eq. 3)', () => {
  const schedule = new NoiseSchedule(paperSchedule({ timesteps: 100 }));

  it('equals the MSE computed by hand for a fixed denoiser', () => {
    const z0v = [1, -2, 0.5, 3, 0, 1.5];
    const epsv = [0.3, -0.7, 1.1, -0.2, 0.9, -1.4];
    const t = [5, 80];
    const cond = tf.tensor1d([2, -1]);
    // A fixed denoiser that uses z_t, t and the condition: 0.5 z_t + t / 100 + c_b.
    const model: EpsilonModel<tf.Tensor1D> = (zt, tt, c) =>
      tf.tidy(() => tf.add(tf.add(tf.mul(zt, 0.5), tf.reshape(tf.div(tf.cast(tt, 'float32'), 100), [-1, 1])), tf.reshape(c, [-1, 1])));
    const z0 = tf.tensor2d(z0v, [2, 3]);
    const eps = tf.tensor2d(epsv, [2, 3]);
    const loss = epsilonLoss({ schedule, model, z0, cond, t, eps });
    let byHand = 0;
    for (let i = 0; i < 6; i++) {
      const b = Math.floor(i / 3);
      const zt = schedule.sqrtAlphaBar[t[b]] * z0v[i] + schedule.sqrtOneMinusAlphaBar[t[b]] * epsv[i];
      const epsHat = 0.5 * zt + t[b] / 100 + [2, -1][b];
      byHand += (epsv[i] - epsHat) ** 2 / 6;
    }
    expect(loss.shape).toEqual([]);
    expect(loss.dataSync()[0]).toBeCloseTo(byHand, 5);
    tf.dispose([loss, z0, eps, cond]);
  });

  it('is zero for the oracle that returns the true eps, positive otherwise', () => {
    const rng = new Rng(1);
    const z0 = tf.randomNormal([4, 2, 3], 0, 1, 'float32', 7);
    const { t, eps } = trainingStepInputs(schedule, z0.shape, rng);
    const oracle: EpsilonModel = (zt, tt) => {
      // Inverts eq. 4: eps = (z_t - sqrt(abar_t) z_0) / sqrt(1 - abar_t), per row.
      const ts = Array.from(tt.dataSync());
      return tf.tidy(() => {
        const shape = [ts.length, 1, 1];
        const a = tf.tensor(ts.map((x) => schedule.sqrtAlphaBar[x]), shape);
        const b = tf.tensor(ts.map((x) => schedule.sqrtOneMinusAlphaBar[x]), shape);
        return tf.div(tf.sub(zt, tf.mul(a, z0)), b);
      });
    };
    const before = tf.memory().numTensors;
    const zero = epsilonLoss({ schedule, model: oracle, z0, cond: undefined, t, eps });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(zero.dataSync()[0]).toBeLessThan(1e-8);
    const zeroModel: EpsilonModel = (zt) => tf.zerosLike(zt);
    const one = epsilonLoss({ schedule, model: zeroModel, z0, cond: undefined, t, eps });
    // Predicting 0 costs E[eps^2] = the mean of eps^2.
    expect(one.dataSync()[0]).toBeCloseTo(tf.tidy(() => tf.mean(tf.square(eps)).dataSync()[0]), 5);
    tf.dispose([zero, one, z0, eps]);
  });

  it('gives gradients to the model weights and falls under an optimiser', () => {
    // epsilon_theta(z_t) = w z_t on N(0, 1) data: z_t ~ N(0, 1) and Cov[eps, z_t] = sqrt(1 - abar_t), so
    // the loss is 1 - 2 w m + w^2 with m = E_t[sqrt(1 - abar_t)]: minimised at w = m, to 1 - m^2.
    const long = new NoiseSchedule(paperSchedule({ timesteps: 1000 }));
    let m = 0;
    for (let t = 1; t <= 1000; t++) m += long.sqrtOneMinusAlphaBar[t] / 1000;
    const w = tf.variable(tf.scalar(0));
    const model: EpsilonModel = (zt) => tf.mul(zt, w);
    const z0 = tf.randomNormal([256, 4], 0, 1, 'float32', 3);
    const rng = new Rng(2);
    const optimizer = tf.train.sgd(0.3);
    const losses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const loss = optimizer.minimize(() => diffusionLoss({ schedule: long, model, z0, cond: undefined, rng }), true, [w]);
      losses.push(loss!.dataSync()[0]);
      loss!.dispose();
    }
    const tail = losses.slice(-5).reduce((a, b) => a + b, 0) / 5;
    expect(Math.abs(losses[0] - 1)).toBeLessThan(0.15);
    expect(tail).toBeLessThan(0.6);
    expect(Math.abs(tail - (1 - m * m))).toBeLessThan(0.1);
    expect(Math.abs(w.dataSync()[0] - m)).toBeLessThan(0.1);
    tf.dispose([w, z0]);
    optimizer.dispose();
  });

  it('rejects a model whose output shape differs from eps', () => {
    const z0 = tf.zeros([2, 3]);
    const eps = tf.zeros([2, 3]);
    const bad: EpsilonModel = (zt) => tf.zeros([zt.shape[0], 4]);
    const before = tf.memory().numTensors;
    expect(() => epsilonLoss({ schedule, model: bad, z0, cond: undefined, t: [1, 2], eps })).toThrow(/returned \[2, 4\]/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([z0, eps]);
  });
});
