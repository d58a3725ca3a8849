import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitState, sourceVersion } from './git-state';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'pipe',
  });

describe('gitState / sourceVersion', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lddm-git-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says unversioned outside git', () => {
    expect(gitState(dir)).toEqual({ commit: null, dirty: false });
    expect(sourceVersion(dir)).toBe('unversioned');
  });

  it('names a clean tree by its commit and a dirty tree by commit plus a hash of its changes', () => {
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
    git(dir, 'add', 'a.ts');
    git(dir, 'commit', '-q', '-m', 'init');
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();

    expect(gitState(dir)).toEqual({ commit, dirty: false });
    expect(sourceVersion(dir)).toBe(commit);

    writeFileSync(join(dir, 'a.ts'), 'export const a = 2;\n');
    expect(gitState(dir)).toEqual({ commit, dirty: true });
    const edited = sourceVersion(dir);
    expect(edited).toMatch(new RegExp(`^${commit}\\+dirty\\.[0-9a-f]{12}$`));
    expect(sourceVersion(dir)).toBe(edited); // deterministic

    writeFileSync(join(dir, 'a.ts'), 'export const a = 3;\n');
    const editedAgain = sourceVersion(dir);
    expect(editedAgain).not.toBe(edited);

    // An untracked file under a source folder is part of the tree too, by name and by content.
    mkdirSync(join(dir, 'libs'));
    writeFileSync(join(dir, 'libs', 'b.ts'), 'export const b = 1;\n');
    const withNew = sourceVersion(dir);
    expect(withNew).not.toBe(editedAgain);
    writeFileSync(join(dir, 'libs', 'b.ts'), 'export const b = 2;\n');
    expect(sourceVersion(dir)).not.toBe(withNew);
  });

  it('a registry, its reports or a cache kept in the checkout change neither the key nor the dirty flag', () => {
    git(dir, 'init', '-q');
    mkdirSync(join(dir, 'libs'));
    writeFileSync(join(dir, 'libs', 'a.ts'), 'export const a = 1;\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'init');
    const clean = sourceVersion(dir);
    // --db ./my-runs/runs.db with its reports, and a cache folder at the top
    for (const f of ['my-runs/runs.db', 'my-runs/runs.db-wal', 'my-runs/reports/table2/report.html', 'cache/clips.bin']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'output');
    }
    // and a registry someone put under a source folder, with its reports beside it
    mkdirSync(join(dir, 'libs', 'runs', 'reports'), { recursive: true });
    writeFileSync(join(dir, 'libs', 'runs', 'runs.db'), 'db');
    writeFileSync(join(dir, 'libs', 'runs', 'reports', 'x.html'), 'report');
    expect(sourceVersion(dir)).toBe(clean);
    expect(gitState(dir).dirty).toBe(false);
  });
});
