import { gradientStep } from '@lddm/nn';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperSchedule, smokeStage2 } from '../testing/profile-sections';
import { epsilonLoss, trainingStepInputs } from '../diffusion/loss';
import { NoiseSchedule } from '../diffusion/noise-schedule';
import { ResidualMlpDenoiser } from './residual-mlp-denoiser';

beforeAll(async () => {
  await initBackend('wasm');
});

/** z in R^8, a residual stream of 32 with 2 blocks, x0 8 x 8 x 1. */
const small = smokeStage2({ denoiser: { widths: [32], blocksPerLevel: 2, timeEmbedDim: 16, condWidths: [8, 16], condDim: 16 } }).denoiser;
const vector = { kind: 'vector', shape: [8] } as const;
const image = { imageSize: 8, channels: 1 } as const;

const images = (b: number, seed: number): tf.Tensor4D => tf.randomUniform<tf.Rank.R4>([b, 8, 8, 1], -1, 1, 'float32', seed);

describe('ResidualMlpDenoiser (epsilon_theta for vector latents)', () => {
  it('returns eps-hat with the shape of z_t, through asEpsilonModel too, leaking nothing', () => {
    const net = new ResidualMlpDenoiser(1, small, vector, image);
    const zt = tf.randomNormal<tf.Rank.R2>([3, 8], 0, 1, 'float32', 1);
    const t = tf.tensor1d([1, 10, 1000], 'int32');
    const x0 = images(3, 2);
    const before = tf.memory().numTensors;
    const out = net.asEpsilonModel()(zt, t, x0);
    expect(out.shape).toEqual([3, 8]);
    expect(tf.memory().numTensors).toBe(before + 1);
    const direct = net.apply(zt, t, x0);
    expect(Array.from(direct.dataSync())).toEqual(Array.from(out.dataSync()));
    const short = tf.tensor1d([1, 2], 'int32');
    expect(() => net.apply(zt, short, x0)).toThrow(/expected t of shape \[3\]/);
    tf.dispose([zt, t, x0, out, direct, short]);
    net.dispose();
  });

  it('predicts 0 when fresh with zeroInitOutput, and is seeded: same seed same weights', () => {
    const zeroOut = new ResidualMlpDenoiser(4, { ...small, zeroInitOutput: true }, vector, image);
    const zt = tf.randomNormal<tf.Rank.R2>([2, 8], 0, 1, 'float32', 1);
    const t = tf.tensor1d([3, 7], 'int32');
    const x0 = images(2, 2);
    const y = zeroOut.apply(zt, t, x0);
    expect(Array.from(y.dataSync()).every((v) => v === 0)).toBe(true);
    const a = new ResidualMlpDenoiser(9, small, vector, image);
    const b = new ResidualMlpDenoiser(9, small, vector, image);
    const c = new ResidualMlpDenoiser(10, small, vector, image);
    const names = a.namedParameters().map(([n]) => n);
    expect(b.namedParameters().map(([n]) => n)).toEqual(names);
    a.namedParameters().forEach(([, v], i) => expect(Array.from(v.dataSync())).toEqual(Array.from(b.namedParameters()[i][1].dataSync())));
    const [, ci] = c.namedParameters().find(([n]) => n === 'input.weight') ?? [];
    const [, ai] = a.namedParameters().find(([n]) => n === 'input.weight') ?? [];
    expect(Array.from(ci?.dataSync() ?? [])).not.toEqual(Array.from(ai?.dataSync() ?? []));
    tf.dispose([zt, t, x0, y]);
    [zeroOut, a, b, c].forEach((m) => m.dispose());
  });

  it('passes gradients of epsilonLoss to every parameter (weights moved off their zero init)', () => {
    const net = new ResidualMlpDenoiser(3, small, vector, image);
    // Zero-initialised last layers block the gradient to everything before them at step 0; move
    // every weight off its init so that each path is open.
    for (const [, v] of net.namedParameters()) v.assign(tf.tidy(() => tf.add(v, tf.randomNormal(v.shape, 0, 0.1, 'float32', 5))));
    const schedule = new NoiseSchedule(paperSchedule({ timesteps: 100 }));
    const z0 = tf.randomNormal<tf.Rank.R2>([4, 8], 0, 1, 'float32', 1);
    const x0 = images(4, 2);
    const { t, eps } = trainingStepInputs(schedule, z0.shape, new Rng(1));
    const model = net.asEpsilonModel();
    const named = net.namedParameters();
    const { value, grads } = tf.variableGrads(() => epsilonLoss({ schedule, model, z0, cond: x0, t, eps }), named.map(([, v]) => v));
    const dead = named.filter(([, v]) => {
      const g = grads[v.name];
      return g === undefined || !tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0] > 0);
    });
    expect(dead.map(([n]) => n)).toEqual([]);
    tf.dispose([value, z0, x0, eps, ...Object.values(grads)]);
    net.dispose();
  });

  it('learns a tiny conditional task: epsilonLoss falls under Adam', () => {
    const rng = new Rng(7);
    const n = 64;
    const schedule = new NoiseSchedule(paperSchedule({ timesteps: 1000 }));
    // x0: 8x8 images whose four quadrants have random brightness; z0 = A (quadrant means) + noise.
    const quad = Float32Array.from({ length: n * 4 }, () => rng.uniform(-1, 1));
    const pixels = new Float32Array(n * 64);
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < 64; p++) {
        const q = (Math.floor(p / 32) << 1) | (p % 8 >= 4 ? 1 : 0);
        pixels[i * 64 + p] = Math.max(-1, Math.min(1, quad[i * 4 + q] + 0.1 * rng.normal()));
      }
    }
    const A = Array.from({ length: 4 * 8 }, () => rng.normal() / Math.sqrt(4 / 3));
    const zValues = Float32Array.from({ length: n * 8 }, (_, k) => {
      const i = Math.floor(k / 8);
      const j = k % 8;
      let s = 0;
      for (let q = 0; q < 4; q++) s += quad[i * 4 + q] * A[q * 8 + j];
      return s + 0.05 * rng.normal();
    });
    const x0 = tf.tensor4d(pixels, [n, 8, 8, 1]);
    const z0 = tf.tensor2d(zValues, [n, 8]);
    const net = new ResidualMlpDenoiser(11, small, vector, image);
    const model = net.asEpsilonModel();
    const optimizer = tf.train.adam(3e-3);
    const losses: number[] = [];
    const start = Date.now();
    for (let step = 0; step < 300; step++) {
      const { t, eps } = trainingStepInputs(schedule, z0.shape, rng);
      losses.push(gradientStep(net, () => epsilonLoss({ schedule, model, z0, cond: x0, t, eps }), optimizer));
      eps.dispose();
    }
    const seconds = (Date.now() - start) / 1000;
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(losses.slice(0, 20));
    const last = mean(losses.slice(-20));
    console.info(`denoiser overfit: first-20 mean loss ${first.toFixed(4)}, last-20 ${last.toFixed(4)}, ${seconds.toFixed(1)} s`);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(last).toBeLessThan(0.5 * first);
    // The condition path is used: on the same draws, the loss with mismatched images is higher.
    const { t, eps } = trainingStepInputs(schedule, z0.shape, new Rng(99));
    const shuffled = tf.reverse(x0, 0);
    const matched = tf.tidy(() => epsilonLoss({ schedule, model, z0, cond: x0, t, eps }).dataSync()[0]);
    const mismatched = tf.tidy(() => epsilonLoss({ schedule, model, z0, cond: shuffled, t, eps }).dataSync()[0]);
    console.info(`denoiser overfit: held-out draw loss ${matched.toFixed(4)} with x0, ${mismatched.toFixed(4)} with mismatched x0`);
    expect(mismatched).toBeGreaterThan(matched);
    tf.dispose([eps, shuffled]);
    tf.dispose([x0, z0]);
    optimizer.dispose();
    net.dispose();
  });
});
