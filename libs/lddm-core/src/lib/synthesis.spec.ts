import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { latentStats } from './synthesis';

describe('latentStats (sampled latents in the standardised space)', () => {
  it('is ~0 / ~1 / ~0 for draws like the training latents and flags a diverged sampler', () => {
    const rng = new Rng(3);
    const good = Float32Array.from({ length: 8000 }, () => rng.normal());
    const g = latentStats(good, 8);
    expect(g.meanAbs).toBeLessThan(0.05);
    expect(Math.abs(g.std - 1)).toBeLessThan(0.05);
    expect(g.outside4).toBeLessThan(0.001);
    // a sampler that blew up: scale 6 and a shift of 2 in every channel
    const bad = latentStats(Float32Array.from(good, (v) => 6 * v + 2), 8);
    expect(bad.meanAbs).toBeGreaterThan(1.5);
    expect(bad.std).toBeGreaterThan(5);
    expect(bad.outside4).toBeGreaterThan(0.3);
    // per channel: one channel off by 3 moves meanAbs by 3 / channels
    const shifted = latentStats(Float32Array.from(good, (v, i) => (i % 8 === 0 ? v + 3 : v)), 8);
    expect(shifted.meanAbs).toBeCloseTo(3 / 8, 1);
  });
});
