// The generic layout: a root holding one sub-folder per class. Without a mapping, classes are
// the folder names in sorted order, so label i is the i-th name. A class mapping (data.classes,
// e.g. { "negative": ["normal"], "positive": ["cyst", "nodule"] }) merges folders into classes,
// fixes the class order (the mapping's key order) and drops the folders it does not name
// (noted). What was done is returned for the record.
import { join, resolve } from 'node:path';
import { DataError } from './errors';
import { listDir, requireDir } from './listing';

/** Class name -> the sub-folders that hold it, in label order. */
export type ClassMapping = Readonly<Record<string, readonly string[]>>;

export interface ClassFolder {
  folder: string;
  label: number;
  className: string;
}

export interface ClassFolders {
  root: string;
  classes: string[];
  /** Every folder that is read, with its class, in label then folder order. */
  folders: ClassFolder[];
  /** Folders left out by the mapping. */
  dropped: string[];
}

export async function classFolders(dir: string, layout: string, mapping?: ClassMapping): Promise<ClassFolders> {
  const root = resolve(dir);
  requireDir(root, layout, 'pass a folder holding one sub-folder per class');
  const { dirs } = await listDir(root);
  if (dirs.length === 0) throw new DataError(root, `holds no class sub-folders (expected ${layout})`, 'create one sub-folder per class, named after the class');
  if (mapping === undefined) {
    const classes = [...dirs].sort();
    return { root, classes, folders: classes.map((folder, label) => ({ folder, label, className: folder })), dropped: [] };
  }
  const classes = Object.keys(mapping);
  if (classes.length < 2) throw new DataError('data.classes', `maps onto ${classes.length} class(es)`, 'name at least two classes, each with its folders');
  const present = new Set(dirs);
  const owner = new Map<string, string>();
  const folders: ClassFolder[] = [];
  classes.forEach((className, label) => {
    const names = mapping[className];
    if (names.length === 0) throw new DataError('data.classes', `class "${className}" names no folder`, `list the sub-folders of ${root} that hold ${className}`);
    for (const folder of names) {
      if (!present.has(folder)) throw new DataError(join(root, folder), `data.classes maps "${folder}" into "${className}" but there is no such folder (found: ${dirs.join(', ')})`, 'fix the folder name in data.classes');
      const other = owner.get(folder);
      if (other !== undefined) throw new DataError('data.classes', `folder "${folder}" is in both "${other}" and "${className}"`, 'put each folder in one class');
      owner.set(folder, className);
      folders.push({ folder, label, className });
    }
  });
  return { root, classes, folders, dropped: dirs.filter((d) => !owner.has(d)) };
}

export const emptyClass = (root: string, cls: string, what: string): DataError =>
  new DataError(join(root, cls), `class folder holds no ${what}`, `add ${what} of class ${cls} or remove the folder`);

/**
 * Images are synthesized into videos of their own class: every image class must be a video
 * class (by name). Returns, per image label, the video label.
 */
export function imageToVideoLabels(imageClasses: readonly string[], videoClasses: readonly string[], imageRoot: string): number[] {
  return imageClasses.map((name) => {
    const label = videoClasses.indexOf(name);
    if (label < 0) throw new DataError(join(imageRoot, name), `image class "${name}" is not a video class (video classes: ${videoClasses.join(', ')})`, 'map it onto a video class with data.classes or remove the folder');
    return label;
  });
}
