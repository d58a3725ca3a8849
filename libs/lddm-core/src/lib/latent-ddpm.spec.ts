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
  it('standardises per dimension exactly what stage 2 trains on (mu + sigma * eps): mean ~0, std ~1', () => {
    const ddpm = make(1);
    // 400 clips, 4 dimensions with different centres, spreads of the means and posterior sigmas.
    const rng = new Rng(11);
    const n = 400;
    const centre = [3, -1, 0, 10];
    const spread = [1, 0.2, 2, 0.5];
    const sigma = [0.5, 1, 0.1, 2];
    const mu = Float32Array.from({ length: n * 4 }, (_, i) => centre[i % 4] + spread[i % 4] * rng.normal());
    const logvar = Float32Array.from({ length: n * 4 }, (_, i) => Math.log(sigma[i % 4] ** 2));
    const stats = ddpm.fitNormalisation({ mu, logvar });
    for (let d = 0; d < 4; d++) expect(stats.std[d]).toBeCloseTo(Math.sqrt(spread[d] ** 2 + sigma[d] ** 2), 0);
    // Draw what training draws and standardise it.
    const draws = 20;
    const z = tf.tensor2d(Array.from({ length: n * draws }, (_, r) => [0, 1, 2, 3].map((d) => mu[(r % n) * 4 + d] + sigma[d] * rng.normal())), [n * draws, 4]);
    const zn = ddpm.normalise(z);
    const { mean, variance } = tf.moments(zn, 0);
    for (const m of mean.arraySync() as number[]) expect(Math.abs(m)).toBeLessThan(0.05);
    for (const v of variance.arraySync() as number[]) expect(Math.abs(Math.sqrt(v) - 1)).toBeLessThan(0.05);
    // Fitted on the means alone (the old rule) the sigma-heavy dimension would be at ~4x unit scale.
    expect(Math.sqrt(sigma[3] ** 2 + spread[3] ** 2) / spread[3]).toBeGreaterThan(4);
    const back = ddpm.denormalise(ddpm.normalise(tf.tensor2d([[1, 3, 5, 7]])));
    expect(Array.from(back.dataSync()).map((v) => Number(v.toFixed(3)))).toEqual([1, 3, 5, 7]);
    expect(ddpm.stateDict()['latentStd'].shape).toEqual([4]);
    expect(() => ddpm.fitNormalisation({ mu: Float32Array.from([1, 2, 3]) })).toThrow(/3 means do not fill latents with 4 channels/);
    tf.dispose([z, zn, mean, variance]);
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
    ddpm.fitNormalisation({ mu: z0.dataSync() as Float32Array });
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
