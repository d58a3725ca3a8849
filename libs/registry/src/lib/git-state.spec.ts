import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

    // An untracked file is part of the tree too, by name and by content.
    writeFileSync(join(dir, 'b.ts'), 'export const b = 1;\n');
    const withNew = sourceVersion(dir);
    expect(withNew).not.toBe(editedAgain);
    writeFileSync(join(dir, 'b.ts'), 'export const b = 2;\n');
    expect(sourceVersion(dir)).not.toBe(withNew);
  });
});
