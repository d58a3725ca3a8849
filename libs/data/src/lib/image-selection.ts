// The profile's data.images.{benign, malignant}: how many lesion images of each class to turn
// into videos. The first n of each class in a seeded order are taken (an order that does not
// depend on how the folder happened to be listed); a class with fewer images gives all it has,
// and the shortfall is noted.
import { deriveSeed, Rng } from '@lddm/runtime';
import type { ImageDataset } from './dataset';

export function selectImages(dataset: ImageDataset, perClass: Readonly<Record<string, number>>, seed: number): ImageDataset {
  const keep = new Set<string>();
  const notes = [...dataset.notes];
  for (const [cls, n] of Object.entries(perClass)) {
    const label = dataset.classes.indexOf(cls);
    if (label < 0) throw new RangeError(`selectImages: no class "${cls}" (classes: ${dataset.classes.join(', ')})`);
    const ids = dataset.images.filter((i) => i.label === label).map((i) => i.id).sort();
    const order = new Rng(deriveSeed(seed, 'images', cls)).shuffle(ids);
    if (n > ids.length) notes.push(`asked for ${n} ${cls} images, the dataset has ${ids.length}: using all`);
    for (const id of order.slice(0, n)) keep.add(id);
  }
  const images = dataset.images.filter((i) => keep.has(i.id));
  const prefix = (rel: string) => rel.slice(0, rel.lastIndexOf('.'));
  const stems = new Set(images.map((i) => prefix(i.relPath)));
  // An image's masks share its path up to "_mask".
  const files = dataset.files.filter((f) => stems.has(prefix(f)) || stems.has(prefix(f).replace(/_mask(_\d+)?$/, '')));
  return { ...dataset, images, files, notes };
}
