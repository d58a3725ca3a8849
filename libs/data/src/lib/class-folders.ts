// The generic layout: a root holding one sub-folder per class. Classes are the folder names in
// sorted order, so label i is the i-th name; the mapping is returned for the record.
import { join, resolve } from 'node:path';
import { DataError } from './errors';
import { listDir, requireDir } from './listing';

export async function classFolders(dir: string, layout: string): Promise<{ root: string; classes: string[] }> {
  const root = resolve(dir);
  requireDir(root, layout, 'pass a folder holding one sub-folder per class');
  const { dirs } = await listDir(root);
  if (dirs.length === 0) throw new DataError(root, `holds no class sub-folders (expected ${layout})`, 'create one sub-folder per class, named after the class');
  return { root, classes: [...dirs].sort() };
}

export const emptyClass = (root: string, cls: string, what: string): DataError =>
  new DataError(join(root, cls), `class folder holds no ${what}`, `add ${what} of class ${cls} or remove the folder`);
