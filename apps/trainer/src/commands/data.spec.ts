import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTsCli } from '@lddm/cli-kit';
import { afterAll, describe, expect, it } from 'vitest';

const trainer = (...args: string[]) => runTsCli('apps/trainer/src/main.ts', args, { LDDM_PROGRESS: 'off' });

describe('trainer data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainer-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'phantom');
  const db = join(dir, 'runs.db');
  const small = ['--set', 'data.phantom.videos=6', '--set', 'data.phantom.malignant=4', '--set', 'data.phantom.benign=2', '--set', 'data.images.benign=3', '--set', 'data.images.malignant=2'];

  it('phantom writes both layouts; inspect reads them back, splits and records them', async () => {
    const made = await trainer('data', 'phantom', '--out', out, '--profile', 'smoke', ...small, '--seed', '3', '--workers', '1');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^videos +6 \(benign 2, malignant 4\)/m);
    expect(made.stdout).toMatch(/^images +benign 3, malignant 2, normal 1/m);

    const busv = await trainer('data', 'inspect', '--busv', join(out, 'busv'), '--split', '5:5', '--seed', '1', '--db', db, '--json');
    expect(busv.code).toBe(0);
    const s = JSON.parse(busv.stdout);
    expect(s).toMatchObject({ kind: 'busv', counts: { benign: 2, malignant: 4 }, errata: [], recorded: db });
    expect(s.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(s.split.counts).toEqual({ train: { benign: 1, malignant: 2 }, test: { benign: 1, malignant: 2 } });
    expect(s.annotations).toHaveLength(2);

    const busi = await trainer('data', 'inspect', '--busi', join(out, 'busi'), '--db', db);
    expect(busi.code).toBe(0);
    expect(busi.stdout).toMatch(/^images +benign 3, malignant 2, normal 0 \(total 5\)$/m);
    expect(busi.stdout).toMatch(/^excluded +normal 1$/m);
    expect(busi.stdout).toMatch(/^registry +recorded in /m);
  });

  it.each([
    [['data', 'inspect', '--busv', '/nonexistent/busv'], /\/nonexistent\/busv: no such folder/],
    [['data', 'inspect'], /give exactly one of --busv, --busi, --videos, --images/],
    [['data', 'inspect', '--busi', '/x', '--out', '/y'], /--out does not apply to data inspect/],
    [['data', 'phantom'], /missing required option --out/],
    [['data', 'inspect', '--busv', '/x', '--split', '7-3'], /--split: expected a ratio "train:test"/],
  ])('%j: one line, exit 2', async (args, pattern) => {
    const r = await trainer(...args);
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^trainer: error: /);
    expect(r.errLines[0]).toMatch(pattern);
  });
});
