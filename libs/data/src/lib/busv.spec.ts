import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { busvJson, expectDataError, tempDir, writeBusv, writeFrameFolder, writeJson, type BusvSpec, type FixtureVidJson } from '../../test/fixtures';
import { loadBusv } from './busv';

const SPEC: BusvSpec = {
  benign: [
    ['aaaa000000000001', 3],
    ['x66ef02e7f1b9a0ef', 2], // erratum: duplicate, dropped
    ['x63c9ba1377f35bf6', 2], // erratum: relabelled malignant
  ],
  malignant: [
    ['bbbb000000000001', 4],
    ['x3b88488853e8b7d1', 2],
  ],
};

describe('loadBusv', () => {
  const root = tempDir();
  beforeAll(() => writeBusv(root, SPEC));

  it('reads the official layout: ids, labels, frame counts, frame order', async () => {
    const ds = await loadBusv(root);
    expect(ds.kind).toBe('busv');
    expect(ds.classes).toEqual(['benign', 'malignant']);
    const byId = Object.fromEntries(ds.videos.map((v) => [v.id, v]));
    expect(Object.keys(byId).sort()).toEqual(['aaaa000000000001', 'bbbb000000000001', 'x3b88488853e8b7d1', 'x63c9ba1377f35bf6']);
    expect(byId['aaaa000000000001']).toMatchObject({ label: 0, className: 'benign', frameCount: 3, relPath: 'rawframes/benign/aaaa000000000001' });
    expect(byId['bbbb000000000001']).toMatchObject({ label: 1, className: 'malignant', frameCount: 4 });
    const src = byId['bbbb000000000001'].source;
    expect(src.kind === 'frames' && src.paths.map((p) => p.slice(-10))).toEqual(['000000.png', '000001.png', '000002.png', '000003.png']);
    // files: every frame of every kept video, none of the dropped one
    expect(ds.files).toHaveLength(3 + 2 + 4 + 2);
    expect(ds.files.some((f) => f.includes('x66ef02e7f1b9a0ef'))).toBe(false);
  });

  it('applies the errata present and records them', async () => {
    const ds = await loadBusv(root);
    expect(ds.errata).toEqual([
      { id: 'x63c9ba1377f35bf6', action: 'relabel', from: 'benign', to: 'malignant', reason: 'malignant lesion filed as benign' },
      { id: 'x66ef02e7f1b9a0ef', action: 'drop', from: 'benign', reason: 'duplicate of malignant/x3b88488853e8b7d1' },
    ]);
    expect(ds.videos.find((v) => v.id === 'x63c9ba1377f35bf6')).toMatchObject({ label: 1, className: 'malignant' });
    const raw = await loadBusv(root, { errata: false });
    expect(raw.errata).toEqual([]);
    expect(raw.videos).toHaveLength(5);
    expect(raw.videos.find((v) => v.id === 'x63c9ba1377f35bf6')).toMatchObject({ label: 0 });
  });

  it('accepts the rawframes folder itself', async () => {
    const ds = await loadBusv(join(root, 'rawframes'));
    expect(ds.root).toBe(root);
    expect(ds.videos).toHaveLength(4);
  });

  it('orders frames by the number in their names, not as strings', async () => {
    const dir = tempDir();
    await writeBusv(dir, { benign: [['c1', 1]], malignant: [['c2', 1]] });
    await writeFrameFolder(join(dir, 'rawframes/benign/unpadded'), 11, (f) => `${f + 1}.png`);
    const ds = await loadBusv(dir);
    const v = ds.videos.find((x) => x.id === 'unpadded')!;
    const names = v.source.kind === 'frames' ? v.source.paths.map((p) => p.split('/').pop()) : [];
    expect(names).toEqual(['1.png', '2.png', '3.png', '4.png', '5.png', '6.png', '7.png', '8.png', '9.png', '10.png', '11.png']);
  });

  describe('annotations', () => {
    it('reads and records a JSON that matches the frames', async () => {
      const dir = tempDir();
      await writeBusv(dir, SPEC);
      const json = busvJson(SPEC);
      // The release labels the relabelled video benign; the erratum's class is accepted too.
      writeJson(join(dir, 'imagenet_vid_val.json'), json);
      writeJson(join(dir, 'annotations/instances_imagenet_vid_val.json'), json);
      const ds = await loadBusv(dir);
      expect(ds.annotations).toEqual([
        { file: 'imagenet_vid_val.json', videos: 5, images: 13, annotations: 13 },
        { file: 'annotations/instances_imagenet_vid_val.json', videos: 5, images: 13, annotations: 13 },
      ]);
      expect(ds.files).toContain('imagenet_vid_val.json');
      expect(ds.files).toContain('annotations/instances_imagenet_vid_val.json');
    });

    it.each([
      ['a video that is not on disk', (j: FixtureVidJson) => void j.videos.push({ id: 99, name: 'benign/ffff000000000000' }), /lists video "benign\/ffff000000000000"/],
      ['a frame that is not on disk', (j: FixtureVidJson) => void (j.images[0].file_name = 'benign/aaaa000000000001/000009.png'), /image "benign\/aaaa000000000001\/000009.png" is not a frame/],
      ['a class that disagrees with the folder', (j: FixtureVidJson) => void (j.annotations[0].category_id = 2), /labels video "benign\/aaaa000000000001" as malignant/],
      ['not VID at all', () => ({ hello: 1 }), /not a COCO\/ImageNet-VID annotation file/],
    ] as Array<[string, (j: FixtureVidJson) => object | void, RegExp]>)('mismatched JSON (%s) is one line naming the file', async (_name, mutate, pattern) => {
      const dir = tempDir();
      await writeBusv(dir, SPEC);
      const json = busvJson(SPEC);
      const replaced = mutate(json);
      const file = join(dir, 'imagenet_vid_train_15frames.json');
      writeJson(file, typeof replaced === 'object' ? replaced : json);
      await expectDataError(loadBusv(dir), file, pattern);
    });

    it('invalid JSON is one line naming the file', async () => {
      const dir = tempDir();
      await writeBusv(dir, SPEC);
      writeFileSync(join(dir, 'imagenet_vid_val.json'), '{"videos": [');
      await expectDataError(loadBusv(dir), join(dir, 'imagenet_vid_val.json'), /not valid JSON/);
    });
  });

  describe('bad input', () => {
    it('missing directory', async () => {
      await expectDataError(loadBusv('/nonexistent/busv'), '/nonexistent/busv', /no such folder/);
    });

    it('wrong layout: no rawframes/', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'videos'));
      await expectDataError(loadBusv(dir), join(dir, 'rawframes'), /no such folder.*rawframes/);
    });

    it('a missing class folder', async () => {
      const dir = tempDir();
      await writeBusv(dir, { benign: [['a', 1]], malignant: [] });
      renameSync(join(dir, 'rawframes/malignant'), join(dir, 'rawframes/cancer'));
      await expectDataError(loadBusv(dir), join(dir, 'rawframes/malignant'), /malignant class folder/);
    });

    it('an empty class folder', async () => {
      const dir = tempDir();
      await writeBusv(dir, { benign: [['a', 1]], malignant: [] });
      await expectDataError(loadBusv(dir), join(dir, 'rawframes/malignant'), /holds no videos/);
    });

    it('a video folder without frames', async () => {
      const dir = tempDir();
      await writeBusv(dir, { benign: [['a', 1]], malignant: [['b', 1]] });
      mkdirSync(join(dir, 'rawframes/benign/empty'));
      await expectDataError(loadBusv(dir), join(dir, 'rawframes/benign/empty'), /holds no frames/);
    });

    it('a frame without a number', async () => {
      const dir = tempDir();
      await writeBusv(dir, { benign: [['a', 2]], malignant: [['b', 1]] });
      renameSync(join(dir, 'rawframes/benign/a/000001.png'), join(dir, 'rawframes/benign/a/last.png'));
      await expectDataError(loadBusv(dir), join(dir, 'rawframes/benign/a/last.png'), /no frame number/);
    });
  });
});
