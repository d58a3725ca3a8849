// Generated videos on disk in the BUSV layout (rawframes/<class>/<id>/000000.png, ...), so that
// every reader of real videos (loadBusv, the clip cache, the classifiers) reads synthetic ones
// the same way. Each video folder is written under a temporary name and renamed when complete;
// the manifest (what each video was made from) is written last, beside busv/ not inside it,
// because loadBusv checks every JSON file in busv/ as an annotation file.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@lddm/runtime/files';
import sharp from 'sharp';
import { encodeGrayPng } from './phantom/png';
import { Pool } from './phantom/pool';
import { frameName } from './phantom/write-video';
import type { Normalization } from './preprocess';

export interface VideosToWrite {
  /** [N, T, H, W, 1] in the networks' range. */
  data: Float32Array;
  shape: readonly [number, number, number, number, 1];
  normalization: Normalization;
  /** Class index of each video into `classes`. */
  labels: ArrayLike<number>;
  classes: readonly string[];
  /** Folder name of each video (unique). */
  ids: readonly string[];
  /** Per-video provenance for the manifest (e.g. the source image). */
  sources?: ReadonlyArray<Record<string, string | number>>;
}

export interface WrittenVideos {
  busvDir: string;
  manifestPath: string;
  /** Relative paths under busvDir of every video folder. */
  videos: string[];
  /** One JSON per video (outside busv/): its folder, class, source and every frame's sha256. */
  records: string[];
  /** Every frame file written (absolute), video after video: what a run records as its artifacts. */
  frames: string[];
}

/** Pixel bytes of values in the networks' range (clamped, rounded). */
export function toPixelBytes(values: Float32Array, normalization: Normalization): Uint8Array {
  const out = new Uint8Array(values.length);
  const [scale, shift] = normalization === 'minus1-1' ? [127.5, 1] : [255, 0];
  for (let i = 0; i < values.length; i++) out[i] = Math.max(0, Math.min(255, Math.round((values[i] + shift) * scale)));
  return out;
}

export async function writeVideosBusv(outDir: string, videos: VideosToWrite, manifest: Record<string, unknown> = {}): Promise<WrittenVideos> {
  const [n, t, h, w] = videos.shape;
  if (videos.data.length !== n * t * h * w) throw new Error(`writeVideosBusv: ${videos.data.length} values for shape [${videos.shape.join(', ')}]`);
  if (videos.ids.length !== n || videos.labels.length !== n) throw new Error(`writeVideosBusv: ${n} videos but ${videos.ids.length} ids and ${videos.labels.length} labels`);
  const busvDir = join(outDir, 'busv');
  const rawframes = join(busvDir, 'rawframes');
  const scratch = join(outDir, '.partial');
  await rm(scratch, { recursive: true, force: true });
  const pool = new Pool(8);
  const written: string[] = [];
  const records: string[] = [];
  const frameFiles: string[] = [];
  const frame = h * w;
  for (let i = 0; i < n; i++) {
    const cls = videos.classes[videos.labels[i]];
    if (cls === undefined) throw new Error(`writeVideosBusv: label ${videos.labels[i]} of video ${videos.ids[i]} has no class name`);
    const tmp = join(scratch, videos.ids[i]);
    await mkdir(tmp, { recursive: true });
    const bytes = toPixelBytes(videos.data.subarray(i * t * frame, (i + 1) * t * frame), videos.normalization);
    const pngs = Array.from({ length: t }, (_, f) => encodeGrayPng(bytes.subarray(f * frame, (f + 1) * frame), w, h));
    for (const [f, png] of pngs.entries()) await pool.add(() => writeFileAtomic(join(tmp, frameName(f)), png));
    await pool.drain();
    const final = join(rawframes, cls, videos.ids[i]);
    await rm(final, { recursive: true, force: true });
    await mkdir(join(rawframes, cls), { recursive: true });
    await rename(tmp, final);
    written.push(`rawframes/${cls}/${videos.ids[i]}`);
    frameFiles.push(...pngs.map((_, f) => join(final, frameName(f))));
    const record = join(outDir, 'records', `${videos.ids[i]}.json`);
    const frames = pngs.map((png, f) => ({ file: frameName(f), sha256: createHash('sha256').update(png).digest('hex') }));
    await writeFileAtomic(record, `${JSON.stringify({ id: videos.ids[i], class: cls, folder: `busv/rawframes/${cls}/${videos.ids[i]}`, ...(videos.sources?.[i] ?? {}), frames }, null, 2)}\n`);
    records.push(record);
  }
  await rm(scratch, { recursive: true, force: true });
  const manifestPath = join(outDir, 'manifest.json');
  const entries = videos.ids.map((id, i) => ({ id, class: videos.classes[videos.labels[i]], frames: t, size: [h, w], ...(videos.sources?.[i] ?? {}) }));
  await writeFileAtomic(manifestPath, `${JSON.stringify({ ...manifest, layout: 'busv', videos: entries }, null, 2)}\n`);
  return { busvDir, manifestPath, videos: written, records, frames: frameFiles };
}

/**
 * A contact strip: one row per video (x0 first when given, then `frames` evenly spaced frames),
 * as an 8-bit grayscale PNG, `gap` pixels of white between cells.
 */
export function videoStripPng(rows: ReadonlyArray<{ x0?: Float32Array; frames: Float32Array; t: number }>, size: { h: number; w: number }, normalization: Normalization, frames = 8, gap = 2): Buffer {
  const { h, w } = size;
  const cols = (rows.some((r) => r.x0) ? 1 : 0) + frames;
  const width = cols * w + (cols - 1) * gap;
  const height = rows.length * h + (rows.length - 1) * gap;
  const out = new Uint8Array(width * height).fill(255);
  const blit = (values: Float32Array, col: number, row: number) => {
    const bytes = toPixelBytes(values, normalization);
    for (let y = 0; y < h; y++) out.set(bytes.subarray(y * w, (y + 1) * w), (row * (h + gap) + y) * width + col * (w + gap));
  };
  rows.forEach((r, row) => {
    let col = 0;
    if (r.x0) blit(r.x0, col++, row);
    else if (cols > frames) col++;
    for (let k = 0; k < frames; k++) {
      const f = Math.min(r.t - 1, Math.round((k * (r.t - 1)) / Math.max(1, frames - 1)));
      blit(r.frames.subarray(f * h * w, (f + 1) * h * w), col++, row);
    }
  });
  return encodeGrayPng(out, width, height);
}

/**
 * The strip as an animation: frame t shows every row's x0 (when given) beside its frame t, rows
 * stacked; `format` 'gif' or 'webp', looping, `delayMs` per frame.
 */
export async function videoStripAnimation(
  rows: ReadonlyArray<{ x0?: Float32Array; frames: Float32Array; t: number }>,
  size: { h: number; w: number },
  normalization: Normalization,
  format: 'gif' | 'webp',
  delayMs = 125,
  gap = 2,
): Promise<Buffer> {
  const { h, w } = size;
  const t = Math.min(...rows.map((r) => r.t));
  const pages = Array.from({ length: t }, (_, f) => {
    const page = rows.map((r) => ({ x0: r.x0, frames: r.frames.subarray(f * h * w, (f + 1) * h * w), t: 1 }));
    return videoStripPng(page, size, normalization, 1, gap);
  });
  const joined = sharp(pages, { join: { animated: true } });
  return format === 'gif' ? joined.gif({ delay: delayMs, loop: 0 }).toBuffer() : joined.webp({ delay: delayMs, loop: 0, lossless: true }).toBuffer();
}
