// The workspace root is the nearest ancestor directory holding nx.json.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Nearest ancestor of `from` (inclusive) that holds nx.json, or undefined outside a workspace. */
export function nearestWorkspaceRoot(from: string = process.cwd()): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The workspace of `from`, else the one this code lives in (for scripts started elsewhere). */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  const root = nearestWorkspaceRoot(from) ?? nearestWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
  if (root === undefined) throw new Error(`no nx.json found above ${from}: run from inside the workspace`);
  return root;
}

export const defaultProfilesDir = (root: string = findWorkspaceRoot()) => join(root, 'experiments', 'profiles');

/** A path for messages: relative to the workspace root when inside it, absolute otherwise. */
export function displayPath(file: string, root?: string): string {
  let base: string;
  try {
    base = root ?? findWorkspaceRoot();
  } catch {
    return file;
  }
  const rel = relative(base, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
