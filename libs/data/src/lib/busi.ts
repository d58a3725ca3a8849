// BUSI loader. The official layout (and what the phantom writes):
//   <root>/Dataset_BUSI_with_GT/{benign,malignant,normal}/<class> (n).png
//   with ground-truth masks "<class> (n)_mask.png" (some real images have "_mask_1.png" too).
// Labels: benign 0, malignant 1, normal 2. Masks are optional (the shared 256 px copy has none).
// Normal images carry no lesion and the paper does not use them: they are left out unless
// asked for, and counted in `excluded`.
import { basename, join, resolve } from 'node:path';
import type { ImageDataset, ImageEntry } from './dataset';
import { DataError } from './errors';
import { extensionOf, IMAGE_EXTENSIONS, listDir, requireDir, stemOf } from './listing';
import { pairMasks } from './masks';

export const BUSI_CLASSES = ['benign', 'malignant', 'normal'] as const;
export const BUSI_FOLDER = 'Dataset_BUSI_with_GT';

export interface LoadBusiOptions {
  /** Include the normal (lesion-free) images, label 2. Default false. */
  includeNormal?: boolean;
}

const LAYOUT = `a BUSI folder holding ${BUSI_FOLDER}/benign/benign (1).png ... and ${BUSI_FOLDER}/malignant/...`;

export async function loadBusi(dir: string, options: LoadBusiOptions = {}): Promise<ImageDataset> {
  const given = resolve(dir);
  requireDir(given, LAYOUT, `pass the folder that holds ${BUSI_FOLDER}/ (e.g. the phantom's busi/ folder)`);
  const root = basename(given) === BUSI_FOLDER ? resolve(given, '..') : given;
  const base = join(root, BUSI_FOLDER);
  requireDir(base, LAYOUT, `pass the folder that holds ${BUSI_FOLDER}/, or use --images for a folder of class sub-folders`);
  const includeNormal = options.includeNormal ?? false;
  const images: ImageEntry[] = [];
  const excluded: Record<string, number> = {};
  const files: string[] = [];
  const notes: string[] = [];
  for (const [label, cls] of BUSI_CLASSES.entries()) {
    const classDir = join(base, cls);
    const wanted = cls !== 'normal' || includeNormal;
    if (!wanted) {
      // Absent or not, normal images are not used; count them when they are there.
      const listing = await listDir(classDir).catch(() => undefined);
      excluded[cls] = listing ? pairMasks(listing.files.filter(isImage)).images.length : 0;
      continue;
    }
    requireDir(classDir, `the ${cls} class folder of ${LAYOUT}`, `create ${BUSI_FOLDER}/${cls}/ holding the ${cls} images`);
    const { images: plain, masksOf, orphans } = pairMasks((await listDir(classDir)).files.filter(isImage));
    if (plain.length === 0) throw new DataError(classDir, 'class folder holds no images (png or jpg)', `add the ${cls} images or remove the folder`);
    for (const name of plain) {
      const stem = stemOf(name);
      const own = masksOf.get(name)!;
      images.push({
        id: `${cls}/${stem}`,
        label,
        className: cls,
        relPath: `${BUSI_FOLDER}/${cls}/${name}`,
        path: join(classDir, name),
        maskPaths: own.map((m) => join(classDir, m)),
      });
      files.push(`${BUSI_FOLDER}/${cls}/${name}`, ...own.map((m) => `${BUSI_FOLDER}/${cls}/${m}`));
    }
    for (const orphan of orphans) notes.push(`ignored ${cls}/${orphan} (a mask without its image)`);
  }
  return { kind: 'busi', root, classes: BUSI_CLASSES, images, excluded, files, notes };
}

const isImage = (name: string): boolean => IMAGE_EXTENSIONS.has(extensionOf(name));
