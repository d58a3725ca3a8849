import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTsCli } from '@lddm/cli-kit';
import { openRegistry } from '@lddm/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES, stagesOf } from '../src/stages';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'experiments-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stage descriptors', () => {
  it('follow the data flow of each table', () => {
    expect(stagesOf('table2').map((s) => s.id)).toEqual(['data', 'generators', 'synthesis', 'classifiers', 'report']);
    expect(stagesOf('table1').map((s) => s.id)).toEqual(['data', 'generators', 'metrics', 'report']);
    expect(new Set(STAGES.map((s) => s.id)).size).toBe(STAGES.length);
  });

  it('an available stage has a run()', () => {
    for (const s of STAGES) if (s.available().ok) expect(s.run, s.id).toBeTypeOf('function');
  });
});

describe.concurrent('table scripts before the pipeline exists', () => {
  it.each(['table1', 'table2'])('%s runs the data stage, says no results were produced, exits 1, writes no table', async (table) => {
    const db = join(dir, table, 'runs.db');
    const args = ['--profile', 'smoke', '--db', db, '--set', `data.cacheDir=${join(dir, table, 'cache')}`];
    const r = await runTsCli(`experiments/src/${table}.ts`, args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`${table} with profile smoke`);
    for (const s of stagesOf(table as 'table1' | 'table2')) expect(r.stdout).toMatch(new RegExp(`\\d\\. ${s.title} +(missing|ready)`));
    expect(r.stdout).toMatch(/split 7:3: \d+ train \/ \d+ test videos/);
    // stderr carries the progress lines of the phantom, then exactly one error line.
    expect(r.errLines.filter((l) => l.includes('error'))).toEqual([r.errLines.at(-1)]);
    expect(r.errLines.at(-1)).toMatch(new RegExp(`^${table}: error: no results were produced: `));
    const registry = openRegistry({ path: db });
    const runs = registry.listRuns();
    expect(runs.map((run) => [run.kind, run.status])).toEqual([['data', 'finished']]);
    expect(registry.artifacts(runs[0].id).map((a) => a.kind)).toEqual(['split', 'split', 'split']);
    registry.close();

    // Run again: the finished data run is reused, nothing new is recorded.
    const again = await runTsCli(`experiments/src/${table}.ts`, args);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(new RegExp(`data run ${runs[0].id} \\(reused\\)`));
    const after = openRegistry({ path: db });
    expect(after.listRuns()).toHaveLength(1);
    after.close();
  });

  it('a bad profile value is bad input: exit 2, one line', async () => {
    const r = await runTsCli('experiments/src/table2.ts', ['--profile', 'smoke', '--set', 'grid.ratios=["1:1"]', '--db', join(dir, 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.errLines).toEqual([expect.stringMatching(/^table2: error: --set grid\.ratios: grid\.ratios\.0: expected one of splits\.ratios/)]);
  });

  it('profiles validates every profile', async () => {
    const r = await runTsCli('experiments/src/profiles.ts', []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok +cpu /m);
    expect(r.stdout).toMatch(/^ok +paper /m);
    expect(r.stdout).toMatch(/^ok +smoke /m);
  });
});
