import type { Registry } from '@lddm/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRegistry } from '../testing/fixture-registry';
import { collectTable2 } from './collect-table2';

let registry: Registry;
let cleanup: () => void;
beforeAll(async () => ({ registry, cleanup } = await fixtureRegistry('reporting-t2-')));
afterAll(() => cleanup());

const backend = { name: 'wasm', version: '4.22.0', threads: 1 };

describe('collectTable2', () => {
  it('one cell per (model, ratio, regime) in the paper order, mean +- sample std over seeds, in percent', () => {
    const cells = collectTable2(registry);
    expect(cells.map((c) => `${c.model} ${c.ratio} ${c.regime} n${c.n}`)).toEqual([
      'c3d 7:3 real n2',
      'c3d 7:3 synthetic:lddm n2',
      'c3d 7:3 real+synthetic:lddm n2',
      'c3d 3:7 real n1',
      'c3d 3:7 real+synthetic:cinn n1',
      'tsm 5:5 real n1',
    ]);
    const real = cells[0];
    // Seeds 0.70 / 0.74 accuracy and 0.66 / 0.70 F1; the failed seed-3 run (accuracy 0.1) is left out.
    expect(real.accuracy.mean).toBeCloseTo(72, 10);
    expect(real.accuracy.std).toBeCloseTo(2 * Math.SQRT2, 10);
    expect(real.f1.mean).toBeCloseTo(68, 10);
    expect(real.seeds.map((s) => s.seed)).toEqual([1, 2]);
    expect(real.seeds[0].accuracyCi![0]).toBeCloseTo(60, 10);
    expect(real.seeds[0].f1Ci![1]).toBeCloseTo(76, 10);
    expect(real.paper).toEqual({ f1: 70.96, accuracy: 73.21 });
    expect(real.provenance.map((p) => p.runId)).toEqual(real.runIds);
    expect(real.provenance[0]).toMatchObject({ profile: 'smoke', seed: 1, datasets: ['fp-video-0001'] });
    expect(cells[4].paper).toEqual({ f1: 64.56, accuracy: 65.38 });
  });

  it('a rerun of a seed replaces it; values outside [0, 1] are refused', () => {
    const rerun = registry.startRun({ kind: 'classifier', key: 'rerun', config: {}, seed: 1, profile: 'smoke', backend, experiment: 'other' });
    rerun.logParams({ model: 'tsm', ratio: '5:5', regime: 'real', seed: 1 });
    rerun.logMetrics([{ name: 'accuracy', value: 0.5, split: 'test' }, { name: 'f1', value: 0.4, split: 'test' }]);
    rerun.finish();
    const tsm = collectTable2(registry).find((c) => c.model === 'tsm')!;
    expect(tsm).toMatchObject({ n: 1, accuracy: { mean: 50 }, f1: { mean: 40 } });
    // Scoped to the fixture's experiment, the rerun is not seen.
    expect(collectTable2(registry, { experiment: 'fixture' }).find((c) => c.model === 'tsm')!.accuracy.mean).toBeCloseTo(73, 10);

    const bad = registry.startRun({ kind: 'classifier', key: 'bad', config: {}, seed: 9, profile: 'smoke', backend, experiment: 'bad' });
    bad.logParams({ model: 'tdn', ratio: '5:5', regime: 'real', seed: 9 });
    bad.logMetrics([{ name: 'accuracy', value: 73, split: 'test' }, { name: 'f1', value: 0.4, split: 'test' }]);
    bad.finish();
    expect(() => collectTable2(registry, { experiment: 'bad' })).toThrow(/run \d+: test metric 'accuracy' = 73 is not a fraction/);
  });
});
