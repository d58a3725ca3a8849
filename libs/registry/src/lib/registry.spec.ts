import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, Registry } from './registry';
import { tempDir, testSpec as spec } from './testing';

describe('Registry', () => {
  let t: ReturnType<typeof tempDir>;
  let registry: Registry;
  beforeEach(() => {
    t = tempDir();
    registry = openRegistry({ path: t.dbPath });
  });
  afterEach(() => {
    registry.close();
    t.cleanup();
  });

  it('records a run from start to finish: params, metrics, artifacts, inputs', () => {
    const run = registry.startRun(spec({ experiment: 'table2', inputs: ['ds:abc', 'run:1', 'ds:abc'] }));
    const started = registry.getRun(run.id)!;
    expect(started).toMatchObject({ status: 'running', kind: 'train-test', experiment: 'table2', seed: 7, pid: process.pid });
    expect(started.config).toEqual({ lr: 1e-3, width: 8 });
    expect(started.backendName).toBe('cpu');
    expect(started.sourceVersion).toBe('test');
    expect(typeof started.gitDirty).toBe('boolean');
    expect(started.endedAt).toBeNull();

    run.logParams({ lr: 1e-3, layers: [1, 2], skipped: undefined });
    run.logParams({ lr: 2e-3 }); // upsert, not duplicate
    run.logMetric({ name: 'loss', value: 0.5, step: 1, split: 'train' });
    run.logMetrics([
      { name: 'loss', value: 0.25, step: 2, split: 'train' },
      { name: 'fvd', value: 123.4, split: 'test', extra: { extractor: 'i3d-lite', weightsSha256: 'ab12' } },
      { name: 'diverged', value: NaN },
    ]);

    const bytes = randomBytes(3 * 1024 * 1024 + 17); // more than one hashing chunk
    const file = join(t.dir, 'ckpt.bin');
    writeFileSync(file, bytes);
    const artifact = run.addArtifact({ path: file, kind: 'checkpoint' });
    expect(artifact.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(artifact.bytes).toBe(bytes.length);
    expect(artifact.path).toBe(file);

    const finished = run.finish();
    expect(finished.status).toBe('finished');
    expect(finished.endedAt!.getTime()).toBeGreaterThanOrEqual(finished.startedAt.getTime());
    expect(finished.wallSeconds).toBeGreaterThan(0);
    expect(finished.error).toBeNull();

    expect(registry.params(run.id)).toEqual({ layers: [1, 2], lr: 2e-3 });
    const ms = registry.metrics(run.id);
    expect(ms.map((m) => [m.name, m.value, m.step, m.split])).toEqual([
      ['loss', 0.5, 1, 'train'],
      ['loss', 0.25, 2, 'train'],
      ['fvd', 123.4, null, 'test'],
      ['diverged', null, null, null],
    ]);
    expect(ms[2].extra).toEqual({ extractor: 'i3d-lite', weightsSha256: 'ab12' });
    expect(registry.artifacts(run.id)).toEqual([artifact]);
    expect(registry.inputs(run.id)).toEqual(['ds:abc', 'run:1']);
    expect(registry.ensureExperiment('table2').name).toBe('table2');
    expect(() => run.logMetric({ name: 'late', value: 1 })).toThrow(/after the run ended/);
  });

  it('re-hashes an artifact added again under the same path', () => {
    const run = registry.startRun(spec());
    const file = join(t.dir, 'a.json');
    writeFileSync(file, '1');
    run.addArtifact({ path: file, kind: 'json' });
    writeFileSync(file, '2');
    const again = run.addArtifact({ path: file, kind: 'json' });
    expect(registry.artifacts(run.id)).toEqual([again]);
    expect(again.sha256).toBe(createHash('sha256').update('2').digest('hex'));
  });

  it('refuses a missing artifact file, naming it', () => {
    const run = registry.startRun(spec());
    const missing = join(t.dir, 'nope', 'model.bin');
    expect(() => run.addArtifact({ path: missing, kind: 'checkpoint' })).toThrow(`artifact file not found: ${missing}`);
    expect(registry.artifacts(run.id)).toEqual([]);
  });

  it('records a failure with its message', () => {
    const run = registry.startRun(spec());
    const failed = run.fail(new RangeError('loss exploded at step 12'));
    expect(failed).toMatchObject({ status: 'failed', error: 'RangeError: loss exploded at step 12' });
    expect(run.finish().status).toBe('failed'); // an ended run cannot be finished afterwards
  });

  it('findFinished returns only the latest finished run with that key', () => {
    const key = spec().key;
    expect(registry.findFinished(key)).toBeUndefined();
    registry.startRun(spec()); // still running
    registry.startRun(spec()).fail('boom');
    expect(registry.findFinished(key)).toBeUndefined();
    const first = registry.startRun(spec());
    first.finish();
    const second = registry.startRun(spec());
    second.finish();
    registry.startRun(spec({ key: 'other' })).finish();
    expect(registry.findFinished(key)?.id).toBe(second.id);
    expect(registry.findFinished('other')?.key).toBe('other');
  });

  it('lists runs newest first with filters', () => {
    const a = registry.startRun(spec({ kind: 'a', experiment: 'x' }));
    const b = registry.startRun(spec({ kind: 'b', experiment: 'x' }));
    const c = registry.startRun(spec({ kind: 'a' }));
    a.finish();
    expect(registry.listRuns().map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(registry.listRuns({ kind: 'a' }).map((r) => r.id)).toEqual([c.id, a.id]);
    expect(registry.listRuns({ experiment: 'x', status: 'running' }).map((r) => r.id)).toEqual([b.id]);
    expect(registry.listRuns({ limit: 1 }).map((r) => r.id)).toEqual([c.id]);
  });

  it('checks a run spec at the API', () => {
    expect(() => registry.startRun(spec({ seed: 1.5 }))).toThrow(/seed 1.5 is not an integer/);
    expect(() => registry.startRun(spec({ key: '' }))).toThrow(/key is empty/);
    expect(() => registry.startRun(spec({ config: undefined }))).toThrow(/config is missing/);
    expect(registry.listRuns()).toEqual([]);
  });

  it('records datasets idempotently by fingerprint', () => {
    const first = registry.recordDataset({ fingerprint: 'fp1', kind: 'camus', sourcePath: '/data/camus', counts: { train: 10 } });
    const again = registry.recordDataset({ fingerprint: 'fp1', kind: 'camus', sourcePath: '/data/camus', counts: { train: 10 } });
    expect(again).toEqual(first);
    expect(registry.getDataset('fp1')?.counts).toEqual({ train: 10 });
    expect(registry.getDataset('fp2')).toBeUndefined();
  });

  it('ensureExperiment is idempotent and keeps the newest description', () => {
    const e = registry.ensureExperiment('grid', 'first');
    expect(registry.ensureExperiment('grid')).toEqual(e);
    expect(registry.ensureExperiment('grid', 'second')).toMatchObject({ id: e.id, description: 'second' });
  });

  it('leaves runs of live processes and other hosts alone in markStaleRuns', () => {
    const mine = registry.startRun(spec());
    expect(registry.markStaleRuns()).toEqual([]);
    expect(registry.getRun(mine.id)?.status).toBe('running');
  });
});

describe('openRegistry', () => {
  it('gives a one-line error naming the path when the database cannot be created', () => {
    const t = tempDir();
    try {
      const blocker = join(t.dir, 'not-a-dir');
      writeFileSync(blocker, 'file in the way');
      const path = join(blocker, 'sub', 'runs.db');
      expect(() => openRegistry({ path })).toThrow(`registry: cannot open run database at ${path}`);
      try {
        openRegistry({ path });
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    } finally {
      t.cleanup();
    }
  });

  it('names the path when the folder exists but cannot be written', () => {
    if (process.getuid?.() === 0) return; // root ignores permissions; the case above covers it
    const t = tempDir();
    try {
      const locked = join(t.dir, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      expect(() => openRegistry({ path: join(locked, 'runs.db') })).toThrow(/cannot open run database at .*locked/);
      chmodSync(locked, 0o700);
    } finally {
      t.cleanup();
    }
  });
});
