// The workspace root is the nearest ancestor directory holding nx.json.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findWorkspaceRoot(from: string = process.cwd()): string {
  for (const start of [resolve(from), dirname(fileURLToPath(import.meta.url))]) {
    let dir = start;
    for (;;) {
      if (existsSync(join(dir, 'nx.json'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`no nx.json found above ${from}: run from inside the workspace`);
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
