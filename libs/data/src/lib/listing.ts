// Directory listing shared by the loaders: visible entries only, in a stable order, and the
// one-line errors for a folder that is missing or empty.
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from './errors';

export interface Listing {
  dirs: string[];
  files: string[];
}

/** Names of the visible sub-folders and files of `dir`, each sorted (dot files are ignored). */
export async function listDir(dir: string): Promise<Listing> {
  const entries = await readdir(dir, { withFileTypes: true });
  const dirs: string[] = [];
  const files: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    // Follow symlinks: datasets are often linked in rather than copied.
    const isDir = e.isDirectory() || (e.isSymbolicLink() && statSync(join(dir, e.name), { throwIfNoEntry: false })?.isDirectory());
    if (isDir) dirs.push(e.name);
    else if (e.isFile() || e.isSymbolicLink()) files.push(e.name);
  }
  const byName = (a: string, b: string) => naturalCompare(a, b);
  return { dirs: dirs.sort(byName), files: files.sort(byName) };
}

/** Throws a DataError unless `dir` exists and is a folder. */
export function requireDir(dir: string, what: string, hint: string): void {
  if (!existsSync(dir)) throw new DataError(dir, `no such folder (expected ${what})`, hint);
  if (!statSync(dir).isDirectory()) throw new DataError(dir, `is a file, not a folder (expected ${what})`, hint);
}

/** "img2" < "img10": digit runs compare as numbers, so listings follow human order. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' });
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export const stemOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
};

export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg']);
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set(['mp4', 'avi', 'mov', 'mpeg', 'mpg', 'gif']);
