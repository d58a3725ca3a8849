// Helpers for the phantom's specs: read PNGs back, hash folders, measure masks and frames.
import { loadProfile, type DataConfig } from '@lddm/config';
import type { PhantomData } from './config';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import sharp from 'sharp';

/** Pixels of an 8-bit PNG as one channel, with its size and its channel count on disk. */
export async function readGray(path: string): Promise<{ pixels: Uint8Array; width: number; height: number; channels: number }> {
  const meta = await sharp(path).metadata();
  const { data, info } = await sharp(path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data), width: info.width, height: info.height, channels: meta.channels ?? 0 };
}

/** Every file under `dir` (recursively) mapped to its SHA-256, keyed by relative path. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(await readFile(p)).digest('hex');
    }
  };
  await walk(dir);
  return out;
}

/** Shape of a binary mask (non-zero = lesion) of size n x n. */
export interface MaskShape {
  area: number;
  /** Bounding-box size and centre of mass, pixels. */
  height: number;
  width: number;
  cx: number;
  cz: number;
  /** Second-moment spreads along x and z. */
  sdZ: number;
  sdX: number;
  /** 4-connected boundary length. */
  perimeter: number;
}

export function maskShape(mask: Uint8Array, n: number): MaskShape {
  let area = 0, sx = 0, sz = 0, sxx = 0, szz = 0, perimeter = 0;
  let minX = n, maxX = -1, minZ = n, maxZ = -1;
  for (let z = 0; z < n; z++) {
    for (let x = 0; x < n; x++) {
      if (!mask[z * n + x]) continue;
      area++;
      sx += x;
      sz += z;
      sxx += x * x;
      szz += z * z;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minZ = Math.min(minZ, z);
      maxZ = Math.max(maxZ, z);
      // 4-connected boundary edges
      if (x === 0 || !mask[z * n + x - 1]) perimeter++;
      if (x === n - 1 || !mask[z * n + x + 1]) perimeter++;
      if (z === 0 || !mask[(z - 1) * n + x]) perimeter++;
      if (z === n - 1 || !mask[(z + 1) * n + x]) perimeter++;
    }
  }
  const mx = sx / area;
  const mz = sz / area;
  return {
    area,
    height: maxZ - minZ + 1,
    width: maxX - minX + 1,
    cx: mx,
    cz: mz,
    sdX: Math.sqrt(sxx / area - mx * mx),
    sdZ: Math.sqrt(szz / area - mz * mz),
    perimeter,
  };
}

/** Pearson correlation of the speckle part of two frames (each minus its 5x5 local mean). */
export function speckleCorrelation(a: Uint8Array, b: Uint8Array, n: number): number {
  const hp = (f: Uint8Array): Float64Array => {
    const out = new Float64Array(n * n);
    for (let z = 0; z < n; z++) {
      for (let x = 0; x < n; x++) {
        let s = 0, c = 0;
        for (let dz = -2; dz <= 2; dz++) {
          for (let dx = -2; dx <= 2; dx++) {
            const zz = z + dz, xx = x + dx;
            if (zz >= 0 && zz < n && xx >= 0 && xx < n) {
              s += f[zz * n + xx];
              c++;
            }
          }
        }
        out[z * n + x] = f[z * n + x] - s / c;
      }
    }
    return out;
  };
  const ha = hp(a), hb = hp(b);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < ha.length; i++) {
    ab += ha[i] * hb[i];
    aa += ha[i] * ha[i];
    bb += hb[i] * hb[i];
  }
  return ab / Math.sqrt(aa * bb);
}

export const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * A small phantom for the specs: the smoke profile's data.phantom with overrides (benign follows
 * from videos - malignant, as libs/config requires) and the given lesion image counts.
 */
export function phantomData(
  phantom: Partial<Omit<DataConfig['phantom'], 'benign'>>,
  images: Pick<DataConfig['images'], 'benign' | 'malignant'>,
): PhantomData {
  const p = { ...loadProfile('smoke').data.phantom, ...phantom };
  return { phantom: { ...p, benign: p.videos - p.malignant }, images };
}
