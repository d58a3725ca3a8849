import { describe, expect, it } from 'vitest';
import { loadProfile } from '@lddm/config';
import { phantomConfig } from './config';
import { planVideos } from './plan';

// The paper profile's phantom (BUSV's counts) with another seed.
const paper = loadProfile('paper').data;
const withSeed = (seed: number) => phantomConfig({ ...paper, phantom: { ...paper.phantom, seed } });

describe('planVideos', () => {
  const plans = planVideos(withSeed(3));

  it('has the BUSV class counts, frame range and a stratified val share', () => {
    expect(plans).toHaveLength(188);
    expect(plans.filter((p) => p.cls === 'malignant')).toHaveLength(113);
    expect(plans.every((p) => p.frames >= 48 && p.frames <= 160)).toBe(true);
    expect(plans.filter((p) => p.split === 'val' && p.cls === 'malignant')).toHaveLength(23);
    expect(plans.filter((p) => p.split === 'val' && p.cls === 'benign')).toHaveLength(15);
  });

  it('names videos by unique 16-hex ids that follow the seed', () => {
    expect(new Set(plans.map((p) => p.id)).size).toBe(188);
    expect(plans.every((p) => /^[0-9a-f]{16}$/.test(p.id))).toBe(true);
    expect(planVideos(withSeed(3))).toEqual(plans);
    expect(planVideos(withSeed(4))[0].id).not.toBe(plans[0].id);
  });
});
