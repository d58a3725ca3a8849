import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTsCli } from '@lddm/cli-kit';
import { openRegistry, runKey } from '@lddm/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const evaluator = (...args: string[]) => runTsCli('apps/evaluator/src/main.ts', args);

let dir: string;
let db: string;
let artifact: string;
let runId: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'evaluator-test-'));
  db = join(dir, 'runs.db');
  artifact = join(dir, 'model.ckpt');
  writeFileSync(artifact, 'weights v1');
  const registry = openRegistry({ path: db });
  const config = { lr: 0.01, widths: [8, 16] };
  const inputs = ['dataset:abc'];
  const spec = { kind: 'lddm-stage1', config, seed: 5, profile: 'smoke', backend: { name: 'cpu', version: '4.22.0', threads: 1 }, inputs, sourceVersion: 'test-source' };
  const run = registry.startRun({ ...spec, key: runKey({ kind: spec.kind, config, inputs, sourceVersion: spec.sourceVersion }) });
  run.logParams({ epochs: 2 });
  run.logMetrics([{ name: 'loss', value: 0.5, step: 1 }, { name: 'loss', value: 0.25, step: 2 }]);
  run.addArtifact({ path: artifact, kind: 'checkpoint' });
  runId = run.finish().id;
  registry.startRun({ ...spec, kind: 'other', key: 'k2' }).fail(new Error('boom'));
  registry.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluator audit', () => {
  it('reports provenance, artifacts ok and the key recomputed; then a modified artifact -> changed, exit 3 (drift)', async () => {
    const ok = await evaluator('audit', String(runId), '--db', db);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    for (const text of ['lddm-stage1', 'finished', 'seed         5', 'profile      smoke', 'cpu 4.22.0, 1 thread', 'source       test-source', 'metrics      2 (loss)', 'epochs = 2', 'dataset:abc'])
      expect(ok.stdout).toContain(text);
    expect(ok.stdout).toMatch(/key check +ok/);
    expect(ok.stdout).toMatch(/^ +ok +checkpoint +.*model\.ckpt/m);
    expect(ok.stdout).toMatch(/different source/); // 'test-source' is not this checkout
    expect(ok.stdout).toContain('verdict: ok');

    writeFileSync(artifact, 'weights v2, tampered');
    const changed = await evaluator('audit', String(runId), '--db', db, '--json');
    expect(changed.code).toBe(3);
    const report = JSON.parse(changed.stdout) as { ok: boolean; artifacts: { state: string }[]; key: { ok: boolean } };
    expect(report.ok).toBe(false);
    expect(report.artifacts.map((a) => a.state)).toEqual(['changed']);
    expect(report.key.ok).toBe(true);

    rmSync(artifact);
    const missing = await evaluator('audit', String(runId), '--db', db);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toMatch(/^ +missing +checkpoint/m);
    expect(missing.stdout).toMatch(/verdict: NOT reproducible as recorded \(1 missing\)/);
  });

  it('a metric or param edited in the database after the run ended: record check CHANGED, exit 3 (drift)', async () => {
    const edited = join(dir, 'edited.db');
    const registry = openRegistry({ path: edited });
    const config = { a: 1 };
    const run = registry.startRun({ kind: 'classifier', key: runKey({ kind: 'classifier', config, inputs: [], sourceVersion: 's' }), config, seed: 0, profile: 'smoke', backend: { name: 'cpu', version: '0', threads: 1 }, sourceVersion: 's' });
    run.logParams({ regime: 'real' });
    run.logMetric({ name: 'test_acc', value: 0.5 });
    const id = run.finish().id;
    registry.close();
    const before = await evaluator('audit', String(id), '--db', edited);
    expect(before.stdout).toMatch(/record check ok/);
    expect(before.code).toBe(0);
    const raw = openRegistry({ path: edited });
    raw.db.$client.prepare("UPDATE metrics SET value = 0.9 WHERE name = 'test_acc'").run();
    raw.close();
    const after = await evaluator('audit', String(id), '--db', edited);
    expect(after.code).toBe(3);
    expect(after.stdout).toMatch(/record check CHANGED: metric test_acc edited after the run ended/);
    expect(after.stdout).toMatch(/verdict: NOT reproducible as recorded \(metric test_acc edited\)/);
  });

  it('re-fingerprints the datasets a run consumed: a changed image makes it drift', async () => {
    const { fingerprintDataset, openDataset } = await import('@lddm/data');
    const { default: sharp } = await import('sharp');
    const images = join(dir, 'images');
    for (const [cls, value] of [['a', 10], ['b', 200]] as const) {
      mkdirSync(join(images, cls), { recursive: true });
      await sharp(Buffer.alloc(16, value), { raw: { width: 4, height: 4, channels: 1 } }).png().toFile(join(images, cls, 'x.png'));
    }
    const fingerprint = await fingerprintDataset(await openDataset('images', images), { progress: false });
    const dsDb = join(dir, 'datasets.db');
    const registry = openRegistry({ path: dsDb });
    registry.recordDataset({ fingerprint, kind: 'images', sourcePath: images, counts: { images: 2, open: { kind: 'images', options: {} } } });
    const config = { d: 1 };
    const run = registry.startRun({ kind: 'data', key: runKey({ kind: 'data', config, inputs: [fingerprint], sourceVersion: 's' }), config, inputs: [fingerprint], seed: 0, profile: 'smoke', backend: { name: 'cpu', version: '0', threads: 1 }, sourceVersion: 's' });
    const id = run.finish().id;
    registry.close();
    const ok = await evaluator('audit', String(id), '--db', dsDb);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ +ok +[0-9a-f]{12}… .*images$/m);
    await sharp(Buffer.alloc(16, 99), { raw: { width: 4, height: 4, channels: 1 } }).png().toFile(join(images, 'b', 'x.png'));
    const changed = await evaluator('audit', String(id), '--db', dsDb);
    expect(changed.code).toBe(3);
    expect(changed.stdout).toMatch(/^ +changed +[0-9a-f]{12}… .*images +\(now [0-9a-f]{12}…\)$/m);
    expect(changed.stdout).toMatch(/verdict: NOT reproducible as recorded \(dataset .*images changed\)/);
  });

  it('--all audits every ended run, one line each, and exits 3 when any drifted', async () => {
    const all = await evaluator('audit', '--all', '--db', db);
    expect(all.code).toBe(3); // the first test removed run 1's artifact
    expect(all.stdout).toMatch(new RegExp(`^run +${runId} +lddm-stage1 +finished +DRIFT: 1 missing$`, 'm'));
    expect(all.stdout).toMatch(/^run +\d+ +other +failed +DRIFT: key mismatch$/m); // its key was not made by runKey
    expect(all.stdout).toMatch(/^audit: 2 run\(s\), 0 as recorded, 2 drifted$/m);
    const neither = await evaluator('audit', '--db', db);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/give a run id or --all/);
  });

  it('unknown run id: one line, exit 2', async () => {
    const r = await evaluator('audit', '999', '--db', db);
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^evaluator: error: <runId>: no run 999 in /);
  });
});

describe.concurrent('evaluator runs and bad arguments', () => {
  it('lists runs with filters', async () => {
    const all = await evaluator('runs', '--db', db);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/lddm-stage1 +finished/);
    expect(all.stdout).toMatch(/other +failed/);
    const failed = await evaluator('runs', '--db', db, '--status', 'failed', '--json');
    expect(JSON.parse(failed.stdout)).toMatchObject([{ kind: 'other', status: 'failed', error: 'Error: boom' }]);
  });

  it.each([
    [['runs', '--bogus'], /unknown option --bogus/],
    [['runs', '--limit', '0'], /--limit: expected a positive integer, got 0/],
    [['runs', '--status', 'done'], /--status: expected one of .*"finished".*, got "done"/],
    [['audit'], /give a run id or --all/],
    [['audit', 'abc'], /<runId>: expected a run id/],
    [['runs', '--db', '/nonexistent/runs.db'], /--db: no registry at \/nonexistent\/runs\.db/],
    [['runs', '--db', 'NOT_SQLITE'], /cannot open run database at .*not-sqlite\.db: .*; pass --db a runs database/],
  ])('%j: one line, exit 2', async (args, pattern) => {
    const notSqlite = join(dir, 'not-sqlite.db');
    writeFileSync(notSqlite, 'this is not a database, just text that is long enough to have a header');
    const r = await evaluator(...args.map((a) => (a === 'NOT_SQLITE' ? notSqlite : a)));
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^evaluator: error: /);
    expect(r.errLines[0]).toMatch(pattern);
  });

  it('--help lists the commands', async () => {
    const r = await evaluator('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/evaluator runs/);
    expect(r.stdout).toMatch(/evaluator audit \[runId\]/);
  });
});
