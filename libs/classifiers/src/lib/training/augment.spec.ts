import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentClips, multiScaleCrop } from './augment';

beforeAll(async () => {
  await initBackend('wasm');
});

const ramp = (): tf.Tensor5D => tf.tidy(() => tf.reshape(tf.range(0, 2 * 2 * 8 * 8), [2, 2, 8, 8, 1]).div(256) as tf.Tensor5D);
const off = { hflip: false, cropScales: [1], colorJitter: 0 };

describe('augmentation', () => {
  it('multi-scale crops stay inside the frame with sides from the scales, at most one step apart', () => {
    const rng = new Rng(1);
    const scales = [1, 0.875, 0.75, 0.66];
    const sides = scales.map((s) => Math.floor(112 * s));
    for (let i = 0; i < 200; i++) {
      const [top, left, h, w] = multiScaleCrop(112, 128, scales, rng);
      expect(top >= 0 && left >= 0 && top + h <= 112 && left + w <= 128).toBe(true);
      expect(Math.abs(sides.indexOf(h) - sides.indexOf(w))).toBeLessThanOrEqual(1);
    }
  });

  it('is the identity without crop, flip or jitter at the same size, and resizes to inputSize', () => {
    const x = ramp();
    expect(augmentClips(x, off, 8, new Rng(1)).arraySync()).toEqual(x.arraySync());
    expect(augmentClips(x, { ...off, cropScales: [1, 0.75] }, 6, new Rng(1)).shape).toEqual([2, 2, 6, 6, 1]);
  });

  it('flips every frame of a clip the same way, and some clips but not all', () => {
    const x = ramp();
    const flipped = tf.reverse(x, 3).arraySync();
    const same = x.arraySync();
    const out = augmentClips(tf.tile(x, [8, 1, 1, 1, 1]) as tf.Tensor5D, { ...off, hflip: true }, 8, new Rng(5)).arraySync();
    const kinds = out.map((clip, n) => (JSON.stringify(clip) === JSON.stringify(flipped[n % 2]) ? 'flipped' : JSON.stringify(clip) === JSON.stringify(same[n % 2]) ? 'same' : 'other'));
    expect(kinds).not.toContain('other');
    expect(new Set(kinds)).toEqual(new Set(['flipped', 'same']));
  });

  it('jitters within [-1, 1]', () => {
    const out = augmentClips(tf.mul(ramp(), 3) as tf.Tensor5D, { ...off, colorJitter: 0.5 }, 8, new Rng(2));
    expect(tf.max(tf.abs(out)).dataSync()[0]).toBeLessThanOrEqual(1);
  });
});
