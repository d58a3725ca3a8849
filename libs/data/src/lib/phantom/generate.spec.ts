import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSV_TRAIN_JSON, BUSV_VAL_JSON, type VidJson } from './busv-annotations';
import { BUSI_IMAGE_SIZE, phantomConfig } from './config';
import { generatePhantom, type PhantomSummary } from './generate';
import { poseAt } from './motion';
import { planVideos } from './plan';
import { renderFrame } from './render';
import { buildScene } from './scene';
import { maskShape, phantomData, readGray } from './spec-helpers';

const CONFIG = phantomData({ seed: 7, videos: 6, malignant: 3, minFrames: 8, maxFrames: 12, size: 32 }, { benign: 2, malignant: 2 });
const S = BUSI_IMAGE_SIZE;

describe('generatePhantom layout', () => {
  let dir: string;
  let summary: PhantomSummary;
  let train: VidJson;
  let val: VidJson;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phantom-layout-'));
    summary = await generatePhantom(CONFIG, { outDir: dir, workers: 1 });
    train = JSON.parse(await readFile(join(dir, 'busv', BUSV_TRAIN_JSON), 'utf8')) as VidJson;
    val = JSON.parse(await readFile(join(dir, 'busv', BUSV_VAL_JSON), 'utf8')) as VidJson;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes exactly the BUSV and BUSI folders, no scratch left', async () => {
    expect((await readdir(dir)).sort()).toEqual(['.lddm-phantom', 'busi', 'busv', 'phantom.json']);
    expect((await readdir(join(dir, 'busv'))).sort()).toEqual([BUSV_TRAIN_JSON, BUSV_VAL_JSON, 'rawframes']);
    expect((await readdir(join(dir, 'busv', 'rawframes'))).sort()).toEqual(['benign', 'malignant']);
    expect(await readdir(join(dir, 'busi'))).toEqual(['Dataset_BUSI_with_GT']);
    expect(summary.counts).toMatchObject({ videos: 6, benign: 3, malignant: 3 });
  });

  it('names videos by 16 hex digits and frames 000000.png upwards, 8-bit gray', async () => {
    for (const cls of ['benign', 'malignant'] as const) {
      const ids = await readdir(join(dir, 'busv', 'rawframes', cls));
      expect(ids).toHaveLength(3);
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{16}$/);
        const v = summary.videos.find((x) => x.id === id);
        expect(v?.label).toBe(cls);
        const files = (await readdir(join(dir, 'busv', 'rawframes', cls, id))).sort();
        expect(files).toEqual(Array.from({ length: v!.frames }, (_, f) => `${String(f).padStart(6, '0')}.png`));
        expect(v!.frames).toBeGreaterThanOrEqual(8);
        expect(v!.frames).toBeLessThanOrEqual(12);
        const png = await readGray(join(dir, 'busv', 'rawframes', cls, id, files[0]));
        expect([png.width, png.height, png.channels]).toEqual([32, 32, 1]);
      }
    }
  });

  it('writes ImageNet-VID style JSON whose images and boxes match the frames', () => {
    for (const json of [train, val]) expect(json.categories).toEqual([{ id: 1, name: 'benign' }, { id: 2, name: 'malignant' }]);
    const videos = [...train.videos, ...val.videos];
    const images = [...train.images, ...val.images];
    const anns = [...train.annotations, ...val.annotations];
    expect(videos.map((v) => v.name).sort()).toEqual(summary.videos.map((v) => v.name).sort());
    expect(val.videos).toHaveLength(2); // round(0.2 * 3) per class, stratified
    expect(images).toHaveLength(summary.counts.frames);
    expect(new Set(images.map((i) => i.id)).size).toBe(images.length);
    expect(new Set(anns.map((a) => a.id)).size).toBe(anns.length);
    expect(anns).toHaveLength(images.length); // the lesion is in view in every frame
    for (const img of images) {
      const video = videos.find((v) => v.id === img.video_id)!;
      expect(img.file_name).toBe(`${video.name}/${String(img.frame_id).padStart(6, '0')}.png`);
      expect(existsSync(join(dir, 'busv', 'rawframes', img.file_name))).toBe(true);
      expect([img.width, img.height]).toEqual([32, 32]);
    }
    for (const a of anns) {
      const img = images.find((i) => i.id === a.image_id)!;
      const video = videos.find((v) => v.id === a.video_id)!;
      expect(img.video_id).toBe(a.video_id);
      expect(a.category_id).toBe(video.name.startsWith('benign/') ? 1 : 2);
      const [x, y, w, h] = a.bbox;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(w).toBeGreaterThan(0);
      expect(h).toBeGreaterThan(0);
      expect(x + w).toBeLessThanOrEqual(32);
      expect(y + h).toBeLessThanOrEqual(32);
      expect(a.area).toBe(w * h);
      expect(a.iscrowd).toBe(0);
    }
  });

  it('boxes are the bounds of the lesion mask, and the lesion is darker than the frame', async () => {
    const config = phantomConfig(CONFIG);
    const anns = [...train.annotations, ...val.annotations];
    const images = [...train.images, ...val.images];
    let inside = 0, outside = 0, nIn = 0, nOut = 0;
    for (const plan of planVideos(config)) {
      const scene = buildScene(new Rng(plan.seed).child('scene'), { kind: 'video', size: 32, cls: plan.cls, difficulty: config.difficulty });
      for (let f = 0; f < plan.frames; f++) {
        const { mask } = renderFrame(scene, poseAt(scene.motion, f));
        const img = images.find((i) => i.file_name === `${plan.cls}/${plan.id}/${String(f).padStart(6, '0')}.png`)!;
        const ann = anns.find((a) => a.image_id === img.id)!;
        let minX = 32, minY = 32, maxX = -1, maxY = -1;
        mask.forEach((m, k) => {
          if (!m) return;
          minX = Math.min(minX, k % 32);
          maxX = Math.max(maxX, k % 32);
          minY = Math.min(minY, Math.floor(k / 32));
          maxY = Math.max(maxY, Math.floor(k / 32));
        });
        expect(ann.bbox).toEqual([minX, minY, maxX - minX + 1, maxY - minY + 1]);
        const { pixels } = await readGray(join(dir, 'busv', 'rawframes', img.file_name));
        pixels.forEach((p, k) => (mask[k] ? ((inside += p), nIn++) : ((outside += p), nOut++)));
      }
    }
    expect(inside / nIn).toBeLessThan(0.6 * (outside / nOut));
  });

  it('writes BUSI pairs: <class> (n).png with a 0/255 mask of the lesion, empty for normal', async () => {
    const root = join(dir, 'busi', 'Dataset_BUSI_with_GT');
    expect((await readdir(root)).sort()).toEqual(['benign', 'malignant', 'normal']);
    for (const [cls, n] of [['benign', 2], ['malignant', 2], ['normal', 1]] as const) {
      const expected = Array.from({ length: n }, (_, i) => [`${cls} (${i + 1}).png`, `${cls} (${i + 1})_mask.png`]).flat();
      expect((await readdir(join(root, cls))).sort()).toEqual(expected.sort());
      for (let i = 1; i <= n; i++) {
        const img = await readGray(join(root, cls, `${cls} (${i}).png`));
        const mask = await readGray(join(root, cls, `${cls} (${i})_mask.png`));
        expect([img.width, img.height, img.channels, mask.width, mask.height, mask.channels]).toEqual([S, S, 1, S, S, 1]);
        expect(mask.pixels.every((m) => m === 0 || m === 255)).toBe(true);
        const area = maskShape(mask.pixels, S).area;
        if (cls === 'normal') expect(area).toBe(0);
        else {
          expect(area).toBeGreaterThan(4);
          // Darker than its surroundings: the mask against the rest of its box grown by half.
          const s = maskShape(mask.pixels, S);
          let si = 0, so = 0, no = 0;
          mask.pixels.forEach((m, k) => {
            const x = k % S, z = Math.floor(k / S);
            const near = Math.abs(x - s.cx) < s.width && Math.abs(z - s.cz) < s.height;
            if (m) si += img.pixels[k];
            else if (near) {
              so += img.pixels[k];
              no++;
            }
          });
          expect(si / area).toBeLessThan(so / no);
        }
      }
    }
  });

  it('refuses a folder holding data it did not write, and regenerates over its own', async () => {
    const foreign = await mkdtemp(join(tmpdir(), 'phantom-foreign-'));
    await mkdir(join(foreign, 'busv'));
    await expect(generatePhantom(CONFIG, { outDir: foreign, workers: 1 })).rejects.toThrow(/did not write/);
    await rm(foreign, { recursive: true, force: true });
    const again = await generatePhantom({ ...CONFIG, images: { benign: 0, malignant: 0 } }, { outDir: dir, workers: 1 });
    expect(again.counts.videos).toBe(6);
    expect(await readdir(join(dir, 'busi', 'Dataset_BUSI_with_GT', 'benign'))).toEqual([]);
  });
});
