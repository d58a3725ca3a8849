import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PerceptualDistance } from './perceptual-distance';
import { stage1Loss } from './stage1-loss';
import { klDivergence } from '@lddm/nn';

beforeAll(async () => {
  await initBackend('wasm');
});

const clip = (seed: number): tf.Tensor5D => tf.tanh(tf.randomNormal<tf.Rank.R5>([2, 3, 4, 4, 1], 0, 1, 'float32', seed));
const posterior = { mu: tf.tensor2d([[0.5, -1], [0, 2]]), logvar: tf.tensor2d([[0, 0.5], [-1, 0]]) };
const value = (t: tf.Scalar): number => t.dataSync()[0] ?? NaN;

/** A perceptual distance that records the frames it is given: mean squared difference. */
function recording(): PerceptualDistance & { shapes: number[][] } {
  const shapes: number[][] = [];
  return {
    id: 'test:mse',
    description: 'mean squared difference',
    shapes,
    distance: (a, b) => {
      shapes.push(a.shape, b.shape);
      return tf.mean(tf.square(tf.sub(a, b)));
    },
  };
}

describe('stage1Loss', () => {
  it('has zero L1 and perceptual terms for a perfect reconstruction, leaving the weighted KL', () => {
    const x = clip(1);
    const loss = stage1Loss({ x, recon: x, posterior, weights: { l1: 10, perceptual: 30, kl: 1e-6 }, perceptual: recording() });
    expect(value(loss.l1)).toBe(0);
    expect(value(loss.perceptual)).toBe(0);
    expect(value(loss.kl)).toBeCloseTo(value(klDivergence(posterior.mu, posterior.logvar)), 6);
    expect(value(loss.total)).toBeCloseTo(1e-6 * value(loss.kl), 10);
  });

  it('applies the weights to the terms and gives the distance the B*T frames', () => {
    const x = clip(1);
    const recon = clip(2);
    const p = recording();
    const loss = stage1Loss({ x, recon, posterior, weights: { l1: 10, perceptual: 30, kl: 0.5 }, perceptual: p });
    expect(p.shapes).toEqual([
      [6, 4, 4, 1],
      [6, 4, 4, 1],
    ]);
    expect(value(loss.l1)).toBeCloseTo(value(tf.mean(tf.abs(tf.sub(x, recon)))), 6);
    expect(value(loss.perceptual)).toBeCloseTo(value(tf.mean(tf.square(tf.sub(x, recon)))), 6);
    expect(value(loss.total)).toBeCloseTo(10 * value(loss.l1) + 30 * value(loss.perceptual) + 0.5 * value(loss.kl), 4);
  });

  it('needs a perceptual distance only when its weight is non-zero', () => {
    const x = clip(1);
    const loss = stage1Loss({ x, recon: clip(2), posterior, weights: { l1: 1, perceptual: 0, kl: 0 } });
    expect(value(loss.total)).toBeCloseTo(value(loss.l1), 6);
    expect(() => stage1Loss({ x, recon: x, posterior, weights: { l1: 1, perceptual: 1, kl: 0 } })).toThrow(/perceptual/);
    expect(() => stage1Loss({ x, recon: tf.zeros([2, 3, 4, 4, 2]), posterior, weights: { l1: 1, perceptual: 0, kl: 0 } })).toThrow(/differ/);
  });
});
