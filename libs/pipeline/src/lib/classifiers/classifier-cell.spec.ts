import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, loadProfile } from '@lddm/config';
import { openRegistry, type Registry } from '@lddm/registry';
import { initBackend } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineContext, type PipelineContext } from '../context';
import { pipelineData } from '../datasets';
import { classifierCellSpec, stepKey, type ClassifierCell } from './cell';
import { ensureClassifierCell } from './classifier-cell';
import { GridFailedError, gridCells, planGrid, runClassifierGrid } from './classifier-grid';
import { runGridWorker, type GridEvent } from './grid-worker';

// One real cell end to end on the smoke profile, shrunk: C3D, 1 epoch, 50 bootstrap resamples.
let dir: string;
let registry: Registry;
let ctx: PipelineContext;
const cell: ClassifierCell = { model: 'c3d', ratio: '7:3', regime: 'real', seed: 0 };

beforeAll(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'classifier-cell-'));
  registry = openRegistry({ path: join(dir, 'runs.db') });
  const profile = loadProfile('smoke', {
    overrides: { 'classifiers.train.epochs': 1, 'metrics.bootstrap.resamples': 50, 'data.cacheDir': join(dir, 'cache'), 'grid.models': ['c3d', 'tsm'], 'grid.ratios': ['7:3'], 'grid.regimes': ['real', 'synthetic:lddm'], 'grid.seeds': 2 },
  });
  ctx = pipelineContext({ profile, registry, root: findWorkspaceRoot(), stateDir: dir });
});

afterAll(() => {
  registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ensureClassifierCell', () => {
  it('records one classifier run per the report contract, then reuses it', async () => {
    const first = await ensureClassifierCell(ctx, cell);
    expect(first.outcome.reused).toBe(false);
    const { key } = await pipelineData(ctx);
    expect(first.key).toBe(stepKey(ctx, classifierCellSpec(ctx, cell, key)));
    const run = first.outcome.run;
    expect(run.kind).toBe('classifier');
    expect(run.status).toBe('finished');

    const params = registry.params(run.id);
    expect(params).toMatchObject({ model: 'c3d', ratio: '7:3', regime: 'real', seed: 0, classBalancing: expect.any(String), adaptation: expect.any(String) });
    expect(params['f1Definition']).toMatch(/malignant/);
    expect(params['trainClips']).toBeGreaterThan(0);

    const metrics = registry.metrics(run.id);
    const test = new Map(metrics.filter((m) => m.split === 'test').map((m) => [m.name, m.value!]));
    for (const name of ['accuracy', 'f1', 'accuracy_ci_low', 'accuracy_ci_high', 'f1_ci_low', 'f1_ci_high']) {
      expect(test.get(name)).toBeGreaterThanOrEqual(0);
      expect(test.get(name)).toBeLessThanOrEqual(1);
    }
    expect(test.get('accuracy_ci_low')!).toBeLessThanOrEqual(test.get('accuracy')!);
    expect(test.get('accuracy_ci_high')!).toBeGreaterThanOrEqual(test.get('accuracy')!);
    const losses = metrics.filter((m) => m.split === 'train' && m.name === 'loss');
    expect(losses.map((m) => m.step)).toEqual([0]);
    expect(Number.isFinite(losses[0].value)).toBe(true);

    const predictions = registry.artifacts(run.id).filter((a) => a.kind === 'predictions');
    expect(predictions).toHaveLength(1);
    const written = JSON.parse(readFileSync(predictions[0].path, 'utf8')) as { predictions: Array<{ label: number; pred: number }> };
    expect(written.predictions).toHaveLength(params['testVideos'] as number);
    const correct = written.predictions.filter((p) => p.label === p.pred).length;
    expect(correct / written.predictions.length).toBeCloseTo(test.get('accuracy')!, 10);

    const again = await ensureClassifierCell(ctx, cell);
    expect(again.outcome.reused).toBe(true);
    expect(again.outcome.run.id).toBe(run.id);
  });
});

describe('the classifier grid', () => {
  it('enumerates models x ratios x regimes x seeds with distinct keys', async () => {
    const cells = gridCells(ctx.profile);
    expect(cells).toHaveLength(2 * 1 * 2 * 2);
    expect(cells[0]).toEqual({ model: 'c3d', ratio: '7:3', regime: 'real', seed: 0 });
    expect(cells.at(-1)).toEqual({ model: 'tsm', ratio: '7:3', regime: 'synthetic:lddm', seed: 1 });
    // Keys of the real cells (the synthetic ones would train LDDM first).
    const tasks = await planGrid(ctx, cells.filter((c) => c.regime === 'real'));
    expect(new Set(tasks.map((t) => t.key)).size).toBe(4);
    expect(registry.findFinished(tasks[0].key)).toBeDefined(); // the cell of the test above
    expect(() => classifierCellSpec(ctx, { ...cell, regime: 'synthetic:lddm' }, 'data-key')).toThrow(/needs the lddm synthesis/);
  });

  it('skips finished cells, records a failing cell and goes on, and resumes', async () => {
    const seed1 = { ...cell, seed: 1 };
    const bad = { ...cell, ratio: '9:1' }; // no such split: this cell fails
    const failure = await runClassifierGrid(ctx, { cells: [bad, cell, seed1] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GridFailedError);
    expect((failure as GridFailedError).report).toMatchObject({ cells: 3, skipped: 1, ran: 1, failed: [{ cell: bad }] });
    expect(registry.listRuns({ status: 'failed' }).filter((r) => r.kind === 'classifier')).toHaveLength(1);
    const resumed = await runClassifierGrid(ctx, { cells: [cell, seed1] });
    expect(resumed).toEqual({ cells: 2, skipped: 2, ran: 0, failed: [] });
  });

  it('a worker answers its header with ready and each task with its run', async () => {
    const [task] = await planGrid(ctx, [cell]);
    const header = { profile: ctx.profile, sourceVersion: ctx.sourceVersion, root: ctx.root, stateDir: ctx.stateDir, dbPath: registry.path, backend: 'wasm' };
    async function* lines() {
      yield JSON.stringify(header);
      yield JSON.stringify(task);
    }
    const events: GridEvent[] = [];
    await runGridWorker(lines(), (e) => events.push(e), () => undefined);
    expect(events).toEqual([{ type: 'ready', backend: 'wasm' }, expect.objectContaining({ type: 'done', key: task.key, reused: true, runId: registry.findFinished(task.key)!.id })]);
    expect(existsSync(registry.path)).toBe(true);
  });
});
