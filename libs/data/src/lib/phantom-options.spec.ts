import { loadProfile } from '@lddm/config';
import { describe, expect, it } from 'vitest';
import { parsePhantomConfig } from './phantom/config';
import { phantomOptionsFromProfile } from './phantom-options';

describe('phantomOptionsFromProfile', () => {
  it('maps the paper profile to the BUSV / BUSI sizes, normal images in BUSI proportion', () => {
    const { outDir, ...opts } = phantomOptionsFromProfile(loadProfile('paper').data, '/out');
    expect(outDir).toBe('/out');
    const config = parsePhantomConfig(opts);
    expect(config.videos).toMatchObject({ count: 188, malignant: 113, minFrames: 48, maxFrames: 160, size: 128 });
    expect(config.images).toMatchObject({ benign: 445, malignant: 210, normal: 135 });
    expect(config.seed).toBe(0);
  });

  it('--seed and --difficulty override', () => {
    const opts = phantomOptionsFromProfile(loadProfile('smoke').data, '/out', { seed: 9, difficulty: 0.2 });
    expect(opts).toMatchObject({ seed: 9, difficulty: 0.2, videos: { count: 20, malignant: 12, size: 32 } });
  });
});
