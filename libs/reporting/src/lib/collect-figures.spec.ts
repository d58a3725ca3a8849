// The other readers: loss curves, strips, provenance, datasets, profiles and the differences.
import type { Registry } from '@lddm/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRegistry } from '../testing/fixture-registry';
import { collectLossCurves } from './collect-loss-curves';
import { collectProfiles } from './collect-profiles';
import { collectDatasets, collectProvenance, datasetOrigin } from './collect-provenance';
import { collectStrips } from './collect-strips';
import { collectTable2 } from './collect-table2';
import { paperDifferences } from './paper-differences';

let registry: Registry;
let cleanup: () => void;
beforeAll(async () => ({ registry, cleanup } = await fixtureRegistry('reporting-fig-')));
afterAll(() => cleanup());

describe('readers', () => {
  it('collectLossCurves: train metrics by step per generator run, components apart', () => {
    const curves = collectLossCurves(registry);
    expect(curves.map((c) => `${c.kind} ${c.metric} ${c.points.length}`)).toEqual([
      'lddm-stage1 loss 12',
      'lddm-stage1 kl 12',
      'lddm-stage2 loss 12',
      'cinn-flow loss 12',
    ]);
    const steps = curves[0].points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(curves[0].points[0].value).toBeCloseTo(2.1, 12);
    expect(curves[0].ratio).toBe('7:3');
  });

  it('collectStrips: strip, gif and webp of a synthesis run', () => {
    const [figure] = collectStrips(registry);
    expect(figure).toMatchObject({ generator: 'lddm', ratio: '7:3', source: 'test' });
    expect(figure.strips[0]).toMatch(/strip-lddm\.png$/);
    expect(figure.animations.map((a) => a.format)).toEqual(['gif', 'webp']);
  });

  it('provenance, datasets (phantom told apart by its folder) and profiles', () => {
    const runs = collectProvenance(registry);
    expect(runs.length).toBeGreaterThan(10);
    expect(runs.map((r) => r.runId)).toEqual([...runs.map((r) => r.runId)].sort((a, b) => a - b));
    expect(runs.every((r) => r.profile === 'smoke' && r.backend === 'wasm 4.22.0 (1 thread)')).toBe(true);
    const datasets = collectDatasets(registry);
    expect(datasets.map((d) => [d.fingerprint, datasetOrigin(d)])).toEqual([
      ['fp-video-0001', 'phantom'],
      ['fp-image-0001', 'phantom'],
    ]);
    expect(datasetOrigin({ kind: 'busv', sourcePath: '/data/BUSV' })).toBe('busv');
    const [profile] = collectProfiles(registry);
    expect(profile).toMatchObject({ profile: 'smoke', description: 'smoke profile: tiny sizes', notes: { classifiers: '2 epochs' } });
  });

  it('paperDifferences: phantom data, reduced profile, seeds and F1 definition are stated', () => {
    const differences = paperDifferences({
      datasets: collectDatasets(registry),
      profiles: collectProfiles(registry),
      extractors: [{ extractor: 'i3d-lite', weightsSha256: 'ab', weightsSource: 'random init' }],
      table2: collectTable2(registry),
      provenance: collectProvenance(registry),
    });
    const byTopic = Object.fromEntries(differences.map((d) => [d.topic, d]));
    expect(byTopic['Data']).toMatchObject({ warning: true, text: expect.stringMatching(/PHANTOM data, NOT the paper's BUSV/) });
    expect(byTopic['Profile "smoke"']).toMatchObject({ warning: true, details: ['classifiers: 2 epochs'] });
    expect(byTopic['Feature extractor i3d-lite'].text).toMatch(/Weights: random init/);
    expect(byTopic['Seeds'].text).toMatch(/over 1 \/ 2 seed/);
    expect(byTopic['F1'].text).toMatch(/binary F1, malignant positive/);
  });
});
