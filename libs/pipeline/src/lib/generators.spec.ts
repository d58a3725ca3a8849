// LDDM and the cINN end to end on the smoke profile (shrunk further): every step is one finished
// registry run with its losses and checkpoint, synthesis writes loadable BUSV-layout videos with a
// strip and the motion / x0 checks, and a second call reuses every run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, loadProfile, parseOverrides } from '@lddm/config';
import { loadBusv } from '@lddm/data';
import { openRegistry, type Registry } from '@lddm/registry';
import { initBackend } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineContext, type PipelineContext } from './context';
import { ensureSynthesis, synthesisBusvDir } from './synthesis';

const dir = mkdtempSync(join(tmpdir(), 'pipeline-generators-'));
let registry: Registry;
let ctx: PipelineContext;

beforeAll(async () => {
  process.env.LDDM_PROGRESS = 'off';
  await initBackend('wasm');
  const profile = loadProfile('smoke', {
    overrides: parseOverrides([
      'lddm.stage1.train.length=1',
      'lddm.stage2.train.length=2',
      'cinn.condEncoder.train.length=1',
      'cinn.train.length=1',
      `data.cacheDir=${join(dir, 'cache')}`,
    ]),
  });
  registry = openRegistry({ path: join(dir, 'runs.db') });
  ctx = pipelineContext({ profile, registry, root: findWorkspaceRoot(), experiment: 'test' });
});
afterAll(() => {
  registry.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('generators through the pipeline', () => {
  it('LDDM and the cINN: training runs, then synthesis from test first frames; a second call reuses all', async () => {
    const lddm = await ensureSynthesis(ctx, 'lddm', '7:3', 'test', { samples: 2 });
    const cinn = await ensureSynthesis(ctx, 'cinn', '7:3', 'test');
    const runs = registry.listRuns();
    expect(runs.every((r) => r.status === 'finished')).toBe(true);
    expect(runs.map((r) => r.kind).sort()).toEqual(['cinn-cond', 'cinn-flow', 'data', 'lddm-stage1', 'lddm-stage2', 'synthesis', 'synthesis']);
    for (const kind of ['lddm-stage1', 'lddm-stage2', 'cinn-cond', 'cinn-flow']) {
      const run = runs.find((r) => r.kind === kind)!;
      expect(registry.params(run.id)).toMatchObject({ ratio: '7:3' });
      expect(registry.metrics(run.id).filter((m) => m.name === 'loss' && m.step !== null).length, kind).toBeGreaterThan(0);
      expect(registry.artifacts(run.id).map((a) => a.kind), kind).toEqual(['checkpoint']);
    }
    // The cINN shares LDDM's stage 1 in the smoke profile: one stage-1 run.
    expect(registry.params(runs.find((r) => r.kind === 'cinn-flow')!.id)).toMatchObject({ stage1: 'lddm', leakyLogdet: true });

    const test = await loadBusv(synthesisBusvDir(registry.artifacts(lddm.outcome.run.id)));
    // 6 test videos x 2 samples, 16 frames each, in the real videos' classes.
    expect(test.videos).toHaveLength(12);
    expect(new Set(test.videos.map((v) => v.frameCount))).toEqual(new Set([16]));
    const metrics = Object.fromEntries(registry.metrics(lddm.outcome.run.id).map((m) => [m.name, m.value]));
    expect(metrics.videos).toBe(12);
    for (const name of ['motion', 'x0_l1', 'real_motion']) expect(metrics[name], name).toBeGreaterThan(0);
    expect(registry.artifacts(lddm.outcome.run.id).filter((a) => a.kind === 'video')).toHaveLength(12);
    expect(registry.artifacts(cinn.outcome.run.id).map((a) => a.kind)).toContain('strip');

    const again = await ensureSynthesis(ctx, 'cinn', '7:3', 'test');
    expect(again.outcome.reused).toBe(true);
    expect(registry.listRuns()).toHaveLength(runs.length);
  });
});
