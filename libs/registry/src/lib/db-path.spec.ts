import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nearestWorkspaceRoot } from '@lddm/config';
import { resolveDbPath } from './db-path';

describe('resolveDbPath', () => {
  let dir: string;
  const savedEnv = process.env.LDDM_DB;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lddm-dbpath-'));
    delete process.env.LDDM_DB;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (savedEnv === undefined) delete process.env.LDDM_DB;
    else process.env.LDDM_DB = savedEnv;
  });

  it('uses the nearest ancestor holding nx.json', () => {
    writeFileSync(join(dir, 'nx.json'), '{}');
    const deep = join(dir, 'apps', 'trainer', 'src');
    mkdirSync(deep, { recursive: true });
    expect(nearestWorkspaceRoot(deep)).toBe(dir);
    expect(resolveDbPath(undefined, deep)).toBe(join(dir, '.lddm', 'runs.db'));
  });

  it('prefers LDDM_DB over the workspace default, and an explicit path over both', () => {
    writeFileSync(join(dir, 'nx.json'), '{}');
    process.env.LDDM_DB = join(dir, 'env.db');
    expect(resolveDbPath(undefined, dir)).toBe(join(dir, 'env.db'));
    expect(resolveDbPath(join(dir, 'explicit.db'), dir)).toBe(join(dir, 'explicit.db'));
  });

  it('refuses to guess outside a workspace', () => {
    expect(() => resolveDbPath(undefined, dir)).toThrow(/no nx\.json found above .*LDDM_DB/);
  });
});
