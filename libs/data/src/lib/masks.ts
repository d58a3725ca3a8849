// BUSI names a ground-truth mask after its image: "benign (3).png" has "benign (3)_mask.png", and
// an image with two lesions also "benign (3)_mask_1.png". Masks belong to their image; they are
// never images of their own.
import { naturalCompare, stemOf } from './listing';

const MASK = /_mask(_\d+)?$/;

export interface ImagesAndMasks {
  /** Image file names that are not masks, in the given order. */
  images: string[];
  /** Mask file names of each image, by image file name. */
  masksOf: Map<string, string[]>;
  /** Masks whose image is not there. */
  orphans: string[];
}

export function pairMasks(names: readonly string[]): ImagesAndMasks {
  const images = names.filter((n) => !MASK.test(stemOf(n)));
  const byStem = new Map(images.map((n) => [stemOf(n), n]));
  const masksOf = new Map<string, string[]>(images.map((n) => [n, []]));
  const orphans: string[] = [];
  for (const m of names) {
    if (!MASK.test(stemOf(m))) continue;
    const owner = byStem.get(stemOf(m).replace(MASK, ''));
    if (owner === undefined) orphans.push(m);
    else masksOf.get(owner)!.push(m);
  }
  // "_mask" before "_mask_1", "_mask_2", ...
  for (const list of masksOf.values()) list.sort((a, b) => a.length - b.length || naturalCompare(a, b));
  return { images, masksOf, orphans };
}
