import { gradientStep } from '@lddm/nn';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperSchedule, smokeStage2 } from '../testing/profile-sections';
import { epsilonLoss, trainingStepInputs } from '../diffusion/loss';
import { NoiseSchedule } from '../diffusion/noise-schedule';
import type { DenoiserConfig, LatentSpec } from './create-denoiser';
import { unetLevelGrid } from './unet-3d-config';
import { UNet3dDenoiser } from './unet-3d-denoiser';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Two levels [8, 16] of one block, x0 through [4, 8]: the smoke profile's denoiser, smaller. */
const tiny = (extra: Partial<DenoiserConfig> = {}): DenoiserConfig =>
  smokeStage2({ denoiser: { widths: [8, 16], blocksPerLevel: 1, timeEmbedDim: 8, condWidths: [4, 8], condDim: 8, ...extra } }).denoiser;
const latentOf = (shape: readonly number[]): LatentSpec => ({ kind: 'spatiotemporal', shape });
const image = { imageSize: 8, channels: 1 } as const;
const images = (b: number, seed: number): tf.Tensor4D => tf.randomUniform<tf.Rank.R4>([b, 8, 8, 1], -1, 1, 'float32', seed);
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

/** Zero-initialised residual convs block t's path at step 0; move every weight off its init. */
function perturb(net: UNet3dDenoiser, seed: number): void {
  net.namedParameters().forEach(([, v], i) => v.assign(tf.tidy(() => tf.add(v, tf.randomNormal(v.shape, 0, 0.1, 'float32', seed + i)))));
}

describe('unetLevelGrid', () => {
  it('halves h and w per level while both are even, and keeps them otherwise', () => {
    expect(unetLevelGrid(8, 8, 4)).toEqual([[8, 8], [4, 4], [2, 2], [1, 1]]);
    expect(unetLevelGrid(4, 4, 4)).toEqual([[4, 4], [2, 2], [1, 1], [1, 1]]);
    expect(unetLevelGrid(6, 4, 3)).toEqual([[6, 4], [3, 2], [3, 2]]);
    expect(unetLevelGrid(5, 4, 2)).toEqual([[5, 4], [5, 4]]);
  });
});

describe('UNet3dDenoiser (epsilon_theta for spatio-temporal latents)', () => {
  it('returns eps-hat with the shape of z_t for T\' = 1 and 2, even and odd grids, leaking nothing', () => {
    for (const shape of [[1, 4, 4, 4], [2, 4, 4, 4], [2, 5, 3, 2], [1, 6, 4, 3]] as const) {
      const net = new UNet3dDenoiser(1, tiny(), latentOf(shape), image);
      const zt = tf.randomNormal<tf.Rank.R5>([2, ...shape], 0, 1, 'float32', 1);
      const t = tf.tensor1d([1, 100], 'int32');
      const x0 = images(2, 2);
      const before = tf.memory().numTensors;
      const out = net.asEpsilonModel()(zt, t, x0);
      expect(out.shape).toEqual(zt.shape);
      expect(tf.memory().numTensors).toBe(before + 1);
      expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose([zt, t, x0, out]);
      net.dispose();
    }
  });

  it('uses the level grid: resamplers only where h and w halve', () => {
    const names = (shape: number[]): string[] => {
      const net = new UNet3dDenoiser(1, tiny({ widths: [4, 4, 8] }), latentOf(shape), image);
      const found = net.namedChildren().map(([n]) => n).filter((n) => n.endsWith('_sample'));
      net.dispose();
      return found;
    };
    expect(names([1, 4, 4, 2])).toEqual(['down0_sample', 'down1_sample', 'up2_sample', 'up1_sample']);
    expect(names([1, 6, 6, 2])).toEqual(['down0_sample', 'up1_sample']);
    expect(names([1, 5, 5, 2])).toEqual([]);
  });

  it('depends on t and on x0, through the vector path alone too', () => {
    for (const spatialCondition of [true, false]) {
      const net = new UNet3dDenoiser(2, tiny({ spatialCondition }), latentOf([2, 4, 4, 2]), image);
      perturb(net, 10);
      const zt = tf.randomNormal<tf.Rank.R5>([2, 2, 4, 4, 2], 0, 1, 'float32', 1);
      const [t1, t2] = [tf.tensor1d([1, 1], 'int32'), tf.tensor1d([90, 90], 'int32')];
      const [xa, xb] = [images(2, 2), images(2, 3)];
      const [ref, otherT, otherX] = [net.apply(zt, t1, xa), net.apply(zt, t2, xa), net.apply(zt, t1, xb)];
      expect(maxAbsDiff(ref, otherT)).toBeGreaterThan(1e-3);
      expect(maxAbsDiff(ref, otherX)).toBeGreaterThan(1e-3);
      tf.dispose([zt, t1, t2, xa, xb, ref, otherT, otherX]);
      net.dispose();
    }
  });

  it('passes gradients to every parameter', () => {
    const net = new UNet3dDenoiser(3, tiny({ dropout: 0.1 }), latentOf([2, 4, 4, 2]), image);
    perturb(net, 20);
    const zt = tf.randomNormal<tf.Rank.R5>([2, 2, 4, 4, 2], 0, 1, 'float32', 1);
    const t = tf.tensor1d([5, 50], 'int32');
    const x0 = images(2, 2);
    const weights = tf.randomNormal(zt.shape, 0, 1, 'float32', 4);
    const named = net.namedParameters();
    const { value, grads } = tf.variableGrads(() => tf.sum<tf.Scalar>(tf.mul(net.apply(zt, t, x0), weights)), named.map(([, v]) => v));
    const dead = named.filter(([, v]) => {
      const g = grads[v.name];
      return g === undefined || !tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0] > 0);
    });
    expect(dead.map(([n]) => n)).toEqual([]);
    tf.dispose([value, zt, t, x0, weights, ...Object.values(grads)]);
    net.dispose();
  });

  it('predicts 0 when fresh with zeroInitOutput, takes its groups from the widths, and rejects wrong shapes naming the layer', () => {
    const net = new UNet3dDenoiser(4, tiny({ zeroInitOutput: true }), latentOf([1, 4, 4, 2]), image);
    const zt = tf.randomNormal<tf.Rank.R5>([2, 1, 4, 4, 2], 0, 1, 'float32', 1);
    const t = tf.tensor1d([3, 7], 'int32');
    const x0 = images(2, 2);
    const y = net.apply(zt, t, x0);
    expect(Array.from(y.dataSync()).every((v) => v === 0)).toBe(true);
    const wrong = tf.zeros<tf.Rank.R5>([2, 2, 4, 4, 2]);
    expect(() => net.apply(wrong, t, x0)).toThrow(/UNet3dDenoiser: expected z_t of shape \[B, 1, 4, 4, 2\]/);
    const short = tf.tensor1d([1], 'int32');
    expect(() => net.apply(zt, short, x0)).toThrow(/expected t of shape \[2\]/);
    const flat = tf.zeros([2, 32]);
    expect(() => net.asEpsilonModel()(flat, t, x0)).toThrow(/rank 5/);
    expect(new UNet3dDenoiser(1, tiny({ widths: [6, 12] }), latentOf([1, 4, 4, 2]), image).config.normGroups).toBe(6);
    tf.dispose([zt, t, x0, y, wrong, short, flat]);
    net.dispose();
  });

  it('learns: epsilonLoss (eq. 3) on a tiny set of latents falls under Adam', () => {
    const rng = new Rng(7);
    const n = 8;
    const schedule = new NoiseSchedule(paperSchedule({ timesteps: 100 }));
    // z0 follows x0: x0 pooled to 4x4, with a sign per latent channel (T' = 1 keeps the run cheap).
    const x0 = images(n, 5);
    const z0 = tf.tidy(() => {
      const pooled = tf.expandDims<tf.Tensor5D>(tf.avgPool(x0, 2, 2, 'valid'), 1);
      const z = tf.mul(pooled, tf.tensor5d([1, -1], [1, 1, 1, 1, 2]));
      return tf.div(z, tf.sqrt(tf.moments(z).variance));
    });
    // One strided stage: the feature map is 4x4, the latent grid, so F(x0) can carry z0's layout.
    const net = new UNet3dDenoiser(11, tiny({ condWidths: [8], condDim: 8, zeroInitOutput: true }), latentOf([1, 4, 4, 2]), image);
    const model = net.asEpsilonModel();
    // The same held-out draws (t, eps) before and after training: a comparison free of draw noise.
    const held = Array.from({ length: 4 }, (_, i) => trainingStepInputs(schedule, z0.shape, new Rng(100 + i)));
    const heldOutLoss = (): number =>
      held.reduce((sum, { t, eps }) => sum + tf.tidy(() => epsilonLoss({ schedule, model, z0, cond: x0, t, eps }).dataSync()[0]), 0) / held.length;
    const before = heldOutLoss();
    const optimizer = tf.train.adam(5e-3);
    const losses: number[] = [];
    const start = Date.now();
    for (let step = 0; step < 50; step++) {
      const { t, eps } = trainingStepInputs(schedule, z0.shape, rng);
      losses.push(gradientStep(net, () => epsilonLoss({ schedule, model, z0, cond: x0, t, eps }), optimizer));
      eps.dispose();
    }
    const after = heldOutLoss();
    console.info(`unet3d denoiser: held-out loss ${before.toFixed(4)} -> ${after.toFixed(4)} after 50 steps, ${((Date.now() - start) / 1000).toFixed(1)} s`);
    expect(losses.every(Number.isFinite)).toBe(true);
    // Fresh, eps-hat = 0 gives mean(eps^2) ~ 1; after training the loss must be well below it.
    expect(after).toBeLessThan(0.75 * before);
    tf.dispose([x0, z0, ...held.map(({ eps }) => eps)]);
    optimizer.dispose();
    net.dispose();
  });
});
