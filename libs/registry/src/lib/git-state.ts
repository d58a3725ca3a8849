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

/**
 * Folders whose untracked files are source. Anything else untracked (a registry kept in the
 * checkout with --db ./my-runs/runs.db, its reports, a cache) is output, not source: counting it
 * changed every run key between a first run and its rerun.
 */
export const SOURCE_FOLDERS = ['apps', 'libs', 'experiments', 'tools'] as const;
const REGISTRY_FILE = /\.db(-wal|-shm|-journal)?$/;

/** Untracked files under the source folders, minus run databases and whatever sits beside them. */
function untrackedSources(root: string): string[] | undefined {
  const listed = git(root, ['-c', 'core.quotepath=off', 'ls-files', '--others', '--exclude-standard', '-z', '--', ...SOURCE_FOLDERS]);
  if (listed === undefined) return undefined;
  const files = listed.split('\0').filter(Boolean);
  const registryDirs = files.filter((f) => REGISTRY_FILE.test(f)).map((f) => `${f.slice(0, f.lastIndexOf('/') + 1)}`);
  return files.filter((f) => !REGISTRY_FILE.test(f) && !registryDirs.some((d) => d !== '' && f.startsWith(d))).sort();
}

export function gitState(cwd: string = process.cwd()): GitState {
  const commit = git(cwd, ['rev-parse', '--verify', 'HEAD'])?.trim() || null;
  if (!commit) return { commit: null, dirty: false };
  const root = git(cwd, ['rev-parse', '--show-toplevel'])?.trim() ?? cwd;
  const tracked = git(root, ['status', '--porcelain', '--untracked-files=no']);
  const untracked = untrackedSources(root);
  // If git itself fails, claim dirty: a false "clean" could reuse a run from other code.
  if (tracked === undefined || untracked === undefined) return { commit, dirty: true };
  return { commit, dirty: tracked.trim().length > 0 || untracked.length > 0 };
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
  // Untracked source files are not in `git diff HEAD`; their names and contents are part of the tree.
  for (const name of untrackedSources(root) ?? []) {
    hash.update(`\0untracked:${name}\0`);
    try {
      hash.update(hashFileSync(join(root, name)).sha256);
    } catch {
      hash.update('unreadable'); // removed or unreadable between listing and hashing
    }
  }
  return { ...state, sourceVersion: `${state.commit}+dirty.${hash.digest('hex').slice(0, 12)}` };
}
