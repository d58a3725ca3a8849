import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectDataError, tempDir, writeBusi, writeGrayPng } from '../../test/fixtures';
import { countByClass } from './dataset';
import { loadBusi } from './busi';

const REAL_BUSI = '/work/shared/data/busi-256';

describe('loadBusi', () => {
  const root = tempDir();
  beforeAll(async () => {
    await writeBusi(root, { benign: 3, malignant: 2, normal: 2 });
    // A second mask, as some real BUSI images have.
    await writeGrayPng(join(root, 'Dataset_BUSI_with_GT/benign/benign (2)_mask_1.png'), 255);
  });

  it('reads the official layout without normal images by default', async () => {
    const ds = await loadBusi(root);
    expect(ds.classes).toEqual(['benign', 'malignant', 'normal']);
    expect(countByClass(ds.classes, ds.images)).toEqual({ benign: 3, malignant: 2, normal: 0 });
    expect(ds.excluded).toEqual({ normal: 2 });
    expect(ds.images.map((i) => i.id)).toEqual(['benign/benign (1)', 'benign/benign (2)', 'benign/benign (3)', 'malignant/malignant (1)', 'malignant/malignant (2)']);
    expect(ds.images.map((i) => i.label)).toEqual([0, 0, 0, 1, 1]);
    expect(ds.images[1].maskPaths.map((p) => p.split('/').pop())).toEqual(['benign (2)_mask.png', 'benign (2)_mask_1.png']);
    expect(ds.files).toHaveLength(5 + 6);
  });

  it('includes normal images (label 2) when asked', async () => {
    const ds = await loadBusi(join(root, 'Dataset_BUSI_with_GT'), { includeNormal: true });
    expect(countByClass(ds.classes, ds.images)).toEqual({ benign: 3, malignant: 2, normal: 2 });
    expect(ds.images.filter((i) => i.className === 'normal').every((i) => i.label === 2)).toBe(true);
    expect(ds.excluded).toEqual({});
  });

  it('masks are optional', async () => {
    const dir = tempDir();
    await writeBusi(dir, { benign: 2, malignant: 1, normal: 0 }, false);
    const ds = await loadBusi(dir);
    expect(ds.images).toHaveLength(3);
    expect(ds.images.every((i) => i.maskPaths.length === 0)).toBe(true);
  });

  it.runIf(existsSync(REAL_BUSI))('reads the real 256 px BUSI copy: 437 benign, 210 malignant, 133 normal', async () => {
    const ds = await loadBusi(REAL_BUSI, { includeNormal: true });
    expect(countByClass(ds.classes, ds.images)).toEqual({ benign: 437, malignant: 210, normal: 133 });
    const lesions = await loadBusi(REAL_BUSI);
    expect(lesions.images).toHaveLength(647);
    expect(lesions.excluded).toEqual({ normal: 133 });
  });

  describe('bad input', () => {
    it('missing directory', async () => {
      await expectDataError(loadBusi('/nonexistent/busi'), '/nonexistent/busi', /no such folder/);
    });

    it('wrong layout: no Dataset_BUSI_with_GT/', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'benign'));
      await expectDataError(loadBusi(dir), join(dir, 'Dataset_BUSI_with_GT'), /no such folder/);
    });

    it('an empty class folder', async () => {
      const dir = tempDir();
      await writeBusi(dir, { benign: 1, malignant: 0, normal: 0 });
      await expectDataError(loadBusi(dir), join(dir, 'Dataset_BUSI_with_GT/malignant'), /holds no images/);
    });

    it('a class folder holding only masks', async () => {
      const dir = tempDir();
      await writeBusi(dir, { benign: 1, malignant: 1, normal: 0 });
      rmSync(join(dir, 'Dataset_BUSI_with_GT/malignant/malignant (1).png'));
      writeFileSync(join(dir, 'Dataset_BUSI_with_GT/malignant/notes.txt'), 'x');
      await expectDataError(loadBusi(dir), join(dir, 'Dataset_BUSI_with_GT/malignant'), /holds no images/);
    });
  });
});
