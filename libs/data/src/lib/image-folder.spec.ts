import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { expectDataError, tempDir, writeGrayPng } from '../../test/fixtures';
import { buildImages, toImageSet } from './image-set';
import { loadImageFolder } from './image-folder';

describe('generic image folders', () => {
  it('reads png and jpg by class folder and decodes them to [-1, 1] at the target size', async () => {
    const root = tempDir();
    await writeGrayPng(join(root, 'b/one.png'), 0, 30, 20);
    await writeGrayPng(join(root, 'b/one_mask.png'), 255, 30, 20);
    mkdirSync(join(root, 'a'));
    await sharp({ create: { width: 25, height: 25, channels: 3, background: { r: 255, g: 255, b: 255 } } }).jpeg().toFile(join(root, 'a/white.jpg'));
    const ds = await loadImageFolder(root);
    expect(ds.classes).toEqual(['a', 'b']);
    expect(ds.images.map((i) => [i.id, i.label, i.maskPaths.length])).toEqual([
      ['a/white', 0, 0],
      ['b/one', 1, 1],
    ]);
    const set = toImageSet((await buildImages(ds, { size: 4, fit: 'contain', normalization: 'minus1-1' }, { progress: false })).value);
    expect(set.shape).toEqual([2, 4, 4, 1]);
    expect(set.data[0]).toBeCloseTo(1, 1);
    expect(set.data[16 + 5]).toBe(-1);
  });

  it('bad input: a corrupt PNG is one line naming the file', async () => {
    const root = tempDir();
    await writeGrayPng(join(root, 'a/good.png'), 9);
    mkdirSync(join(root, 'b'));
    writeFileSync(join(root, 'b/bad.png'), Buffer.from('\x89PNG\r\n\x1a\nthis is not the rest of a png'));
    const ds = await loadImageFolder(root);
    await expectDataError(buildImages(ds, { size: 4, fit: 'fill', normalization: 'minus1-1' }, { progress: false }), join(root, 'b/bad.png'), /cannot be decoded as an image/);
  });

  it('bad input: an empty class folder', async () => {
    const root = tempDir();
    await writeGrayPng(join(root, 'a/good.png'), 9);
    mkdirSync(join(root, 'b'));
    await expectDataError(loadImageFolder(root), join(root, 'b'), /holds no images/);
  });
});
