// Tiny on-disk datasets for the specs, in the layouts the loaders read. Frame f of a fixture
// video is a flat gray image of value frameValue(f), so a decoded clip shows which frames it took.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect } from 'vitest';
import { DataError } from '../src/lib/errors';
import { ffmpegPath } from '../src/lib/ffmpeg';

/** A temporary folder removed after the spec file. */
export function tempDir(prefix = 'lddm-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Gray value of frame f: distinct for the first 64 frames, far apart enough to survive h264. */
export const frameValue = (f: number): number => (f * 4) % 256;

export async function writeGrayPng(path: string, value: number, width = 12, height = 10): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await sharp(Buffer.alloc(width * height, value), { raw: { width, height, channels: 1 } }).png().toFile(path);
}

/** A video folder of `frames` PNGs named 000000.png ... */
export async function writeFrameFolder(dir: string, frames: number, name = (f: number) => `${String(f).padStart(6, '0')}.png`): Promise<void> {
  await Promise.all(Array.from({ length: frames }, (_, f) => writeGrayPng(join(dir, name(f)), frameValue(f))));
}

export type BusvSpec = Record<'benign' | 'malignant', Array<[id: string, frames: number]>>;

/** <root>/rawframes/<class>/<id>/%06d.png for each video. */
export async function writeBusv(root: string, spec: BusvSpec): Promise<void> {
  for (const cls of ['benign', 'malignant'] as const) {
    mkdirSync(join(root, 'rawframes', cls), { recursive: true });
    for (const [id, frames] of spec[cls]) await writeFrameFolder(join(root, 'rawframes', cls, id), frames);
  }
}

export interface FixtureVidJson {
  categories: Array<{ id: number; name: string }>;
  videos: Array<{ id: number; name: string }>;
  images: Array<{ id: number; file_name: string; video_id: number; frame_id: number; height: number; width: number }>;
  annotations: Array<{ id: number; video_id: number; image_id: number; category_id: number; bbox: number[] }>;
}

/** A minimal ImageNet-VID json describing every frame of `spec`, one box per frame. */
export function busvJson(spec: BusvSpec): FixtureVidJson {
  const json: FixtureVidJson = { categories: [{ id: 1, name: 'benign' }, { id: 2, name: 'malignant' }], videos: [], images: [], annotations: [] };
  let vid = 0;
  let img = 0;
  for (const [cat, cls] of [[1, 'benign'], [2, 'malignant']] as const) {
    for (const [id, frames] of spec[cls]) {
      json.videos.push({ id: ++vid, name: `${cls}/${id}` });
      for (let f = 0; f < frames; f++) {
        json.images.push({ id: ++img, file_name: `${cls}/${id}/${String(f).padStart(6, '0')}.png`, video_id: vid, frame_id: f, height: 10, width: 12 });
        json.annotations.push({ id: img, video_id: vid, image_id: img, category_id: cat, bbox: [1, 1, 3, 3] });
      }
    }
  }
  return json;
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

/** <root>/Dataset_BUSI_with_GT/<class>/<class> (n).png, with a mask for every image if asked. */
export async function writeBusi(root: string, counts: Record<'benign' | 'malignant' | 'normal', number>, masks = true): Promise<void> {
  for (const [cls, n] of Object.entries(counts)) {
    const dir = join(root, 'Dataset_BUSI_with_GT', cls);
    mkdirSync(dir, { recursive: true });
    for (let i = 1; i <= n; i++) {
      await writeGrayPng(join(dir, `${cls} (${i}).png`), 10 * i, 20, 16);
      if (masks) await writeGrayPng(join(dir, `${cls} (${i})_mask.png`), 255, 20, 16);
    }
  }
}

/** Encodes `frames` flat frames (frameValue) as a video file with the shipped ffmpeg. */
export async function writeVideoFile(path: string, frames: number, width = 32, height = 24, fps = 10): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const raw = Buffer.concat(Array.from({ length: frames }, (_, f) => Buffer.alloc(width * height, frameValue(f))));
  const codec = path.endsWith('.gif') ? [] : ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '0', '-g', '1'];
  const args = ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0', ...codec, path];
  const bin = await ffmpegPath();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}: ${err}`))));
    child.stdin.end(raw);
  });
}

/** Expects `promise` to reject with a one-line DataError whose message names `path`. */
export async function expectDataError(promise: Promise<unknown>, path: string, pattern?: RegExp): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).toContain(path);
  if (pattern) expect(message).toMatch(pattern);
  return error as Error;
}
