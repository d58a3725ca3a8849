// Features are expensive (an I3D forward per video) and reused across Table 1 columns and reruns,
// so they are cached on disk per (extractor id, weights sha256, video set key). The file is
// written atomically: a crash leaves the old file or none, never a truncated one that a later
// run would read. Layout: 8-byte little-endian header length, JSON header, float32 data.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@lddm/runtime/files';
import type { FeatureMatrix } from './feature-matrix';

export interface CachedFeaturesOptions {
  extractor: { id: string; weights: { sha256: string } };
  /** Identifies the videos, e.g. `${split}:${generator run id}:${dataset sha256}`. */
  videoSetKey: string;
  compute: () => Promise<FeatureMatrix>;
  cacheDir: string;
}

interface CacheHeader {
  extractor: string;
  weightsSha256: string;
  videoSetKey: string;
  n: number;
  d: number;
}

export function featureCachePath(cacheDir: string, extractorId: string, weightsSha256: string, videoSetKey: string): string {
  const key = createHash('sha256').update(JSON.stringify([extractorId, weightsSha256, videoSetKey])).digest('hex');
  return join(cacheDir, `${extractorId.replace(/[^A-Za-z0-9_.-]/g, '_')}-${key.slice(0, 24)}.features`);
}

async function readCache(path: string, expected: Omit<CacheHeader, 'n' | 'd'>): Promise<FeatureMatrix | undefined> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return undefined;
  }
  if (file.length < 8) return undefined;
  const headerBytes = Number(file.readBigUInt64LE(0));
  if (8 + headerBytes > file.length) return undefined;
  let header: CacheHeader;
  try {
    header = JSON.parse(file.toString('utf8', 8, 8 + headerBytes)) as CacheHeader;
  } catch {
    return undefined;
  }
  // The file name is a hash; the header guards against a collision or a foreign file.
  if (header.extractor !== expected.extractor || header.weightsSha256 !== expected.weightsSha256 || header.videoSetKey !== expected.videoSetKey) {
    return undefined;
  }
  const bytes = file.length - 8 - headerBytes;
  if (bytes !== header.n * header.d * 4) return undefined;
  const data = new Float32Array(file.buffer.slice(file.byteOffset + 8 + headerBytes, file.byteOffset + file.length));
  return { data, n: header.n, d: header.d };
}

/** The cached features if present, otherwise `compute()` written to the cache and returned. */
export async function cachedFeatures(options: CachedFeaturesOptions): Promise<FeatureMatrix & { cached: boolean }> {
  const expected = { extractor: options.extractor.id, weightsSha256: options.extractor.weights.sha256, videoSetKey: options.videoSetKey };
  const path = featureCachePath(options.cacheDir, expected.extractor, expected.weightsSha256, expected.videoSetKey);
  const hit = await readCache(path, expected);
  if (hit !== undefined) return { ...hit, cached: true };
  const computed = await options.compute();
  const data = computed.data instanceof Float32Array ? computed.data : Float32Array.from(computed.data);
  const json = Buffer.from(JSON.stringify({ ...expected, n: computed.n, d: computed.d } satisfies CacheHeader), 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  await writeFileAtomic(path, [length, json, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)]);
  return { data, n: computed.n, d: computed.d, cached: false };
}
