// Which source produced a run. A clean tree is named by its commit; a dirty tree additionally by
// a hash of its changes, so a run computed from uncommitted code is never mistaken for (or reused
// as) the clean commit's run, and two different dirty states do not share results either.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { hashFileSync } from '@lddm/runtime/files';

export interface GitState {
  commit: string | null;
  dirty: boolean;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 512 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

export function gitState(cwd: string = process.cwd()): GitState {
  const commit = git(cwd, ['rev-parse', '--verify', 'HEAD'])?.trim() || null;
  if (!commit) return { commit: null, dirty: false };
  const status = git(cwd, ['status', '--porcelain', '--untracked-files=normal']);
  // If status itself fails, claim dirty: a false "clean" could reuse a run from other code.
  return { commit, dirty: status === undefined ? true : status.trim().length > 0 };
}

/** `<commit>`, `<commit>+dirty.<12 hex>` or `unversioned` (no git, or no commit yet). */
export function sourceVersion(cwd: string = process.cwd()): string {
  return sourceInfo(cwd).sourceVersion;
}

/** gitState and sourceVersion from one set of git calls, for recording with a run. */
export function sourceInfo(cwd: string = process.cwd()): GitState & { sourceVersion: string } {
  const state = gitState(cwd);
  if (!state.commit) return { ...state, sourceVersion: 'unversioned' };
  if (!state.dirty) return { ...state, sourceVersion: state.commit };
  const root = git(cwd, ['rev-parse', '--show-toplevel'])?.trim() ?? cwd;
  const hash = createHash('sha256');
  // Fixed options so a user's diff settings (colour, external tools) cannot change the hash.
  hash.update(git(root, ['-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff', '--binary', 'HEAD']) ?? '');
  // Untracked files are not in `git diff HEAD`; their names and contents are part of the tree.
  const untracked = (git(root, ['ls-files', '--others', '--exclude-standard', '-z']) ?? '').split('\0').filter(Boolean);
  for (const name of untracked.sort()) {
    hash.update(`\0untracked:${name}\0`);
    try {
      hash.update(hashFileSync(join(root, name)).sha256);
    } catch {
      hash.update('unreadable'); // removed or unreadable between listing and hashing
    }
  }
  return { ...state, sourceVersion: `${state.commit}+dirty.${hash.digest('hex').slice(0, 12)}` };
}
