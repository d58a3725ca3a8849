// Generic image loader: <root>/<class>/ holds png / jpg images. BUSI-style mask files
// ("..._mask.png", "..._mask_1.png") are attached to their image, not counted as images.
import { join } from 'node:path';
import { classFolders, emptyClass, type ClassMapping } from './class-folders';
import type { ImageDataset, ImageEntry } from './dataset';
import { DataError } from './errors';
import { extensionOf, IMAGE_EXTENSIONS, listDir, stemOf } from './listing';
import { pairMasks } from './masks';

const LAYOUT = '<root>/<class>/ holding png or jpg images';

export interface ImageFolderOptions {
  /** Merge / drop / order class folders (data.classes; class-folders.ts). */
  classes?: ClassMapping;
}

export async function loadImageFolder(dir: string, options: ImageFolderOptions = {}): Promise<ImageDataset> {
  const { root, classes, folders, dropped } = await classFolders(dir, LAYOUT, options.classes);
  const images: ImageEntry[] = [];
  const files: string[] = [];
  const notes: string[] = dropped.map((d) => `ignored ${d}/ (not named by data.classes)`);
  for (const { folder: cls, label, className } of folders) {
    const classDir = join(root, cls);
    const names = (await listDir(classDir)).files;
    for (const n of names) if (!IMAGE_EXTENSIONS.has(extensionOf(n))) notes.push(`ignored ${cls}/${n} (not a png or jpg)`);
    const { images: plain, masksOf, orphans } = pairMasks(names.filter((n) => IMAGE_EXTENSIONS.has(extensionOf(n))));
    if (plain.length === 0) throw emptyClass(root, cls, 'images (png or jpg)');
    for (const o of orphans) notes.push(`ignored ${cls}/${o} (a mask without its image)`);
    for (const name of plain) {
      const own = masksOf.get(name)!;
      images.push({ id: `${cls}/${stemOf(name)}`, label, className, relPath: `${cls}/${name}`, path: join(classDir, name), maskPaths: own.map((m) => join(classDir, m)) });
      files.push(`${cls}/${name}`, ...own.map((m) => `${cls}/${m}`));
    }
  }
  // "a.png" beside "a.jpg" would give two images one id.
  const seen = new Set<string>();
  for (const img of images) {
    if (seen.has(img.id)) throw new DataError(img.path, `another image of ${img.className} has the same name (${img.id})`, 'rename one of them');
    seen.add(img.id);
  }
  return { kind: 'images', root, classes, images, excluded: {}, files, notes };
}
