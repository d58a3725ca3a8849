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
  it.each(['table1', 'table2'])('%s lists the stages, says no results were produced, exits 1, records nothing', async (table) => {
    const db = join(dir, `${table}.db`);
    const r = await runTsCli(`experiments/src/${table}.ts`, ['--profile', 'smoke', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${table} with profile smoke`);
    for (const s of stagesOf(table as 'table1' | 'table2')) expect(r.stdout).toMatch(new RegExp(`\\d\\. ${s.title} +(missing|ready)`));
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(new RegExp(`^${table}: error: no results were produced: `));
    const registry = openRegistry({ path: db });
    expect(registry.listRuns()).toEqual([]);
    registry.close();
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
