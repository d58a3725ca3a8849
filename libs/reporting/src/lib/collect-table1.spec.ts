import type { Registry } from '@lddm/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TABLE1, FIXTURE_WEIGHTS_SHA } from '../testing/fixture-runs';
import { fixtureRegistry } from '../testing/fixture-registry';
import { collectTable1, table1Extractors } from './collect-table1';

let registry: Registry;
let cleanup: () => void;
beforeAll(async () => ({ registry, cleanup } = await fixtureRegistry('reporting-t1-')));
afterAll(() => cleanup());

describe('collectTable1', () => {
  it('rows per ratio and generator (cINN first, as in the paper), ours beside the paper', () => {
    const rows = collectTable1(registry);
    expect(rows.map((r) => `${r.generator} ${r.ratio}`)).toEqual(['cinn 7:3', 'lddm 7:3']);
    const lddm = rows[1];
    const byMetric = Object.fromEntries(lddm.values.map((v) => [v.metric, v]));
    expect(byMetric['fvd'].ours).toEqual({ n: 1, mean: FIXTURE_TABLE1.lddm.fvd, std: 0 });
    expect(byMetric['fvd'].paper).toBe(53.82);
    expect(byMetric['div'].paper).toBe(1.07);
    expect(byMetric['psnr'].ours!.mean).toBeCloseTo(21.5, 12);
    expect(byMetric['psnr'].paper).toBeNull();
    expect(byMetric['fvd'].extractors).toEqual([{ extractor: 'i3d-lite', weightsSha256: FIXTURE_WEIGHTS_SHA, weightsSource: expect.stringMatching(/random init/) }]);
    expect(lddm.provenance[0].runId).toBe(lddm.runIds[0]);
  });

  it('names every extractor with the metrics it produced', () => {
    const extractors = table1Extractors(collectTable1(registry));
    expect(extractors.map((e) => `${e.extractor}: ${e.metrics.join(',')}`)).toEqual(['i3d-lite: fvd,lpips,div', 'dtfvd-lite: dtfvd', 'none: ssim,psnr']);
  });
});
