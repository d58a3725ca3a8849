import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTsCli } from '@lddm/cli-kit';
import { openRegistry } from '@lddm/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const report = (...args: string[]) => runTsCli('apps/report/src/main.ts', args);

let dir: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-test-'));
  db = join(dir, 'runs.db');
  const registry = openRegistry({ path: db });
  const base = { config: {}, seed: 1, profile: 'smoke', backend: { name: 'wasm', version: '4.22.0', threads: 1 }, sourceVersion: 'abc123' };
  registry.startRun({ ...base, kind: 'classifier', key: 'key-1', experiment: 'table2, "smoke"' }).finish();
  registry.startRun({ ...base, kind: 'lddm-stage1', key: 'key-2', seed: 2 }).fail(new Error('out of memory'));
  registry.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('report runs', () => {
  it('--format csv: header, one quoted row per run, newest first', async () => {
    const r = await report('runs', '--format', 'csv', '--db', db);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'id,experiment,kind,status,profile,seed,backend,threads,git_commit,git_dirty,source_version,host,started_at,ended_at,wall_seconds,key,error',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2,,lddm-stage1,failed,smoke,2,wasm 4\.22\.0,1,[0-9a-f]*,(true|false),abc123,[^,]+,\d{4}-.+Z,\d{4}-.+Z,[\d.]+,key-2,Error: out of memory$/);
    expect(lines[2]).toMatch(/^1,"table2, ""smoke""",classifier,finished,smoke,1,wasm 4\.22\.0,1,.*,key-1,$/);
  });

  it('--format md and json', async () => {
    const md = await report('runs', '--db', db);
    expect(md.stdout.split('\n')[0]).toMatch(/^\| id \| experiment \| kind \| status \|/);
    const json = await report('runs', '--format', 'json', '--db', db, '--status', 'finished');
    expect(JSON.parse(json.stdout)).toMatchObject([{ id: 1, kind: 'classifier', status: 'finished', key: 'key-1', error: null }]);
  });

  it('--out writes the file atomically and says so on stderr', async () => {
    const out = join(dir, 'out', 'runs.csv');
    const r = await report('runs', '--format', 'csv', '--out', out, '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`wrote 2 runs to ${out}`);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toMatch(/^id,experiment,/);
    expect(readdirSync(join(dir, 'out'))).toEqual(['runs.csv']);
  });

  it.each([
    [['runs', '--format', 'xml'], /--format: expected one of "md", "csv", "json", got "xml"/],
    [['runs', '--out'], /not enough arguments following: out/i],
    [['tables'], /unknown command "tables"/],
    [['runs', '--db', join(tmpdir(), 'no-such-dir-lddm', 'x.db')], /--db: no registry at /],
  ])('%j: one line, exit 2', async (args, pattern) => {
    const r = await report(...args);
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^report: error: /);
    expect(r.errLines[0]).toMatch(pattern);
    expect(existsSync(join(tmpdir(), 'no-such-dir-lddm'))).toBe(false);
  });
});
