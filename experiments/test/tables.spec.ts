// The table scripts end to end on the smoke profile, shrunk further with --set so that the whole
// data flow (data, generators, synthesis, classifiers or metrics, report) runs in about a minute:
// every stage records finished runs, the report is written, and a second run reuses every run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTsCli } from '@lddm/cli-kit';
import { openRegistry } from '@lddm/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES, stagesOf } from '../src/stages';
import { shrunkArgs } from './shrunk';

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

  it('every stage is available and has a build()', () => {
    for (const s of STAGES) {
      expect(s.available(), s.id).toEqual({ ok: true });
      expect(s.build, s.id).toBeTypeOf('function');
    }
  });
});


/** [step, key or pending, state] of each line of a --plan. */
const planned = (stdout: string): string[][] =>
  stdout
    .split('\n')
    .map((line) => /^ +\d+\. (.+?) {2,}(\S+|\(after [^)]+\)) {2,}(reuse \d+|run(?: \([^)]*\))?)(?: {2}<- .*)?$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => [m[1], m[2], m[3]]);

describe('table scripts on the smoke profile', () => {
  it('--plan of the smoke Table 2 on an empty workspace: data, generators, synthesis, every grid cell, all to run; nothing written', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'experiments-plan-'));
    try {
      const r = await runTsCli('experiments/src/table2.ts', ['--profile', 'smoke', '--db', join(empty, 'runs.db'), '--plan']);
      expect(r.code, r.stderr).toBe(0);
      const steps = planned(r.stdout);
      expect(steps).toHaveLength(1 + 3 * 4 + 3 * 2 + 60);
      expect(steps.slice(0, 6).map(([name]) => name)).toEqual(['data', 'lddm-stage1 7:3', 'lddm-stage2 7:3', 'cinn-cond 7:3', 'cinn-flow 7:3', 'lddm-stage1 5:5']);
      expect(steps.filter(([name]) => name.startsWith('synthesis '))).toHaveLength(6);
      expect(steps.filter(([name]) => name.startsWith('classifier '))).toHaveLength(60);
      expect(steps.at(-1)).toEqual(['classifier atmnet 3:7 real+synthetic:cinn seed 0', '(after data)', 'run']);
      expect(new Set(steps.map(([, , state]) => state))).toEqual(new Set(['run']));
      expect(r.stdout).toMatch(/^ +17\. synthesis cinn 7:3 busi +\(after data\) +run {2}<- data, lddm-stage1 7:3, cinn-cond 7:3, cinn-flow 7:3$/m);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });


  it('table2 then table1: every stage runs, the report is written, a second run reuses every run', async () => {
    const db = join(dir, 'runs.db');
    const args = (_table: string) => shrunkArgs(db, join(dir, 'cache'));
    // --plan on an empty workspace: every step with state run, the keys pending on the data; nothing written.
    const plan = await runTsCli('experiments/src/table2.ts', [...args('table2'), '--plan']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(planned(plan.stdout)).toEqual([
      ['data', '(after phantom)', 'run'],
      ['lddm-stage1 7:3', '(after data)', 'run'],
      ['lddm-stage2 7:3', '(after data)', 'run'],
      ['synthesis lddm 7:3 busi', '(after data)', 'run'],
      ['classifier c3d 7:3 real seed 0', '(after data)', 'run'],
      ['classifier c3d 7:3 synthetic:lddm seed 0', '(after data)', 'run'],
    ]);
    expect(readdirSync(dir)).toEqual([]);

    const t2 = await runTsCli('experiments/src/table2.ts', args('table2'));
    expect(t2.code, t2.stderr).toBe(0);
    // Each step once in the invocation, though the synthesis and a cell both need the generator.
    for (const step of ['data', 'lddm-stage1 7:3', 'lddm-stage2 7:3', 'synthesis lddm 7:3 busi'])
      expect(t2.stdout.match(new RegExp(`^${step}: run \\d+ \\((new|reused)\\)$`, 'gm')), step).toHaveLength(1);
    expect(t2.stdout.match(/^classifier grid: 2 cells, 0 finished, 2 to run/gm)).toHaveLength(1);
    for (const s of stagesOf('table2')) expect(t2.stdout).toMatch(new RegExp(`\\d\\. ${s.title} +ready`));
    const report2 = join(dir, 'reports', 'table2-smoke', 'report.html');
    expect(t2.stdout).toContain(report2);
    expect(existsSync(report2)).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'table2-smoke', 'tables.md'), 'utf8')).toMatch(/C3D/);

    const registry = openRegistry({ path: db });
    const kinds = registry.listRuns().map((r) => `${r.kind}:${r.status}`).sort();
    expect(kinds).toEqual(['classifier:finished', 'classifier:finished', 'data:finished', 'lddm-stage1:finished', 'lddm-stage2:finished', 'synthesis:finished']);
    // After the run the plan reuses every step: the keys it prints are the runs' keys.
    const replan = await runTsCli('experiments/src/table2.ts', [...args('table2'), '--plan']);
    expect(replan.code, replan.stderr).toBe(0);
    const keyOfRun = new Map(registry.listRuns().map((r) => [r.id, r.key]));
    const reused = planned(replan.stdout);
    expect(reused.map(([name]) => name)).toEqual(['data', 'lddm-stage1 7:3', 'lddm-stage2 7:3', 'synthesis lddm 7:3 busi', 'classifier c3d 7:3 real seed 0', 'classifier c3d 7:3 synthetic:lddm seed 0']);
    for (const [name, key, state] of reused) {
      const id = Number(/^reuse (\d+)$/.exec(state)?.[1]);
      expect(keyOfRun.get(id)?.slice(0, 12), name).toBe(key);
    }
    expect(registry.listRuns()).toHaveLength(kinds.length);
    registry.close();

    const t1 = await runTsCli('experiments/src/table1.ts', args('table1'));
    expect(t1.code, t1.stderr).toBe(0);
    expect(existsSync(join(dir, 'reports', 'table1-smoke', 'report.html'))).toBe(true);
    const after1 = openRegistry({ path: db });
    const table1 = after1.listRuns({ kind: 'table1' });
    expect(table1.map((r) => r.status)).toEqual(['finished']);
    const fvd = after1.metrics(table1[0].id).find((m) => m.name === 'fvd');
    expect(fvd?.extra).toMatchObject({ extractor: 'i3d-kinetics400', weightsSource: 'seeded-init' });
    // Table 1 trained nothing new: the LDDM runs of table2 have the same keys.
    expect(after1.listRuns({ kind: 'lddm-stage1' })).toHaveLength(1);
    const count = after1.listRuns().length;
    after1.close();

    const again = await runTsCli('experiments/src/table2.ts', args('table2'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/classifier 7:3: run \d+ \(reused\)|0 to run|reused/);
    const final = openRegistry({ path: db });
    expect(final.listRuns()).toHaveLength(count);
    final.close();
  }, 600_000);

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
