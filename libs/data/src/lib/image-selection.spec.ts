import { describe, expect, it } from 'vitest';
import type { ImageDataset } from './dataset';
import { selectImages } from './image-selection';

const image = (cls: string, label: number, n: number) => ({
  id: `${cls}/${cls} (${n})`,
  label,
  className: cls,
  relPath: `D/${cls}/${cls} (${n}).png`,
  path: `/r/D/${cls}/${cls} (${n}).png`,
  maskPaths: [`/r/D/${cls}/${cls} (${n})_mask.png`],
});
const dataset: ImageDataset = {
  kind: 'busi',
  root: '/r',
  classes: ['benign', 'malignant', 'normal'],
  images: [...Array.from({ length: 10 }, (_, i) => image('benign', 0, i + 1)), ...Array.from({ length: 4 }, (_, i) => image('malignant', 1, i + 1))],
  excluded: {},
  files: [],
  notes: [],
};
dataset.files = dataset.images.flatMap((i) => [i.relPath, i.relPath.replace('.png', '_mask.png')]);

describe('selectImages', () => {
  it('takes n per class in a seeded order, keeping files and masks consistent', () => {
    const a = selectImages(dataset, { benign: 3, malignant: 2 }, 0);
    expect(a.images.filter((i) => i.label === 0)).toHaveLength(3);
    expect(a.images.filter((i) => i.label === 1)).toHaveLength(2);
    expect(a.files).toHaveLength(10);
    expect(a.files.filter((f) => f.endsWith('_mask.png'))).toHaveLength(5);
    expect(selectImages({ ...dataset, images: [...dataset.images].reverse() }, { benign: 3, malignant: 2 }, 0).images.map((i) => i.id).sort()).toEqual(a.images.map((i) => i.id).sort());
    expect(selectImages(dataset, { benign: 3, malignant: 2 }, 1).images.map((i) => i.id)).not.toEqual(a.images.map((i) => i.id));
  });

  it('gives all a class has when asked for more, and notes it', () => {
    const s = selectImages(dataset, { benign: 10, malignant: 9 }, 0);
    expect(s.images).toHaveLength(14);
    expect(s.notes).toEqual(['asked for 9 malignant images, the dataset has 4: using all']);
    expect(() => selectImages(dataset, { cyst: 1 }, 0)).toThrow(/no class "cyst"/);
  });
});
