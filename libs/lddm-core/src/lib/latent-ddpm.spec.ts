import { createOptimizer } from '@lddm/nn';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { LatentDdpm } from './latent-ddpm';
import { paperSampler, smokeStage2 } from './testing/profile-sections';

beforeAll(async () => {
  await initBackend('wasm');
});

/**
 * z in R^4, T = 100, two residual blocks of 64, x0 4 x 4 x 1. The x0 encoder's 16 channels make
 * 2 per GroupNorm group (8): normalising single channels of these constant images loses their sign.
 */
const make = (seed: number) =>
  new LatentDdpm(
    new Rng(seed),
    smokeStage2({ timesteps: 100, denoiser: { widths: [64], blocksPerLevel: 2, timeEmbedDim: 32, condWidths: [16], condDim: 16 } }),
    { kind: 'vector', shape: [4] },
    { imageSize: 4, channels: 1 },
  );

describe('LatentDdpm', () => {
  it('standardises latents by the fitted mean and std and maps them back', () => {
    const ddpm = make(1);
    const stats = ddpm.fitNormalisation(Float32Array.from([1, 3, 5, 7]));
    expect(stats.mean).toBe(4);
    expect(stats.std).toBeCloseTo(Math.sqrt(20 / 3), 5);
    const z = tf.tensor2d([[1, 3, 5, 7]]);
    const back = ddpm.denormalise(ddpm.normalise(z));
    expect(Array.from(back.dataSync()).map((v) => Number(v.toFixed(4)))).toEqual([1, 3, 5, 7]);
    expect(Object.keys(ddpm.stateDict())).toContain('latentStd');
    expect(() => ddpm.loss(tf.zeros([2, 5]), tf.zeros([2, 4, 4, 1]), new Rng(1))).toThrow(/expected latents \[B, 4\], got \[2, 5\]/);
    ddpm.dispose();
  });

  it('learns a conditional latent distribution: eq. 3 falls and DDIM samples follow x0', () => {
    // x0 bright -> z around +2, x0 dark -> z around -2 (std 0.3): the denoiser must read x0.
    const n = 64;
    const rng = new Rng(5);
    const signs = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const z0 = tf.tensor2d(signs.flatMap((s) => [0, 1, 2, 3].map(() => 2 * s + 0.3 * rng.normal())), [n, 4]);
    const x0 = tf.tidy(() => tf.mul(tf.ones([n, 4, 4, 1]), tf.reshape(tf.tensor1d(signs), [n, 1, 1, 1])) as tf.Tensor4D);
    const ddpm = make(2);
    ddpm.fitNormalisation(z0.dataSync() as Float32Array);
    const opt = createOptimizer({ kind: 'adam', lr: 3e-3, betas: [0.9, 0.999], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 1 });
    const stepRng = new Rng(9);
    const losses: number[] = [];
    for (let i = 0; i < 200; i++) losses.push(opt.step(ddpm, () => ddpm.loss(z0, x0, stepRng)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-30))).toBeLessThan(0.7 * mean(losses.slice(0, 30)));

    const cond = tf.tidy(() => tf.concat([tf.ones([16, 4, 4, 1]), tf.mul(tf.ones([16, 4, 4, 1]), -1)]) as tf.Tensor4D);
    const z = ddpm.sample(cond, { sampler: ddpm.sampler(paperSampler({ kind: 'ddim', ddimSteps: 20, eta: 0 })), rng: new Rng(3) });
    const values = z.arraySync() as number[][];
    const bright = mean(values.slice(0, 16).flat());
    const dark = mean(values.slice(16).flat());
    expect(bright).toBeGreaterThan(1.4);
    expect(dark).toBeLessThan(-1.4);
    tf.dispose([z0, x0, cond, z]);
    opt.dispose();
    ddpm.dispose();
  });
});
