// Preprocessed tensors through the cache: keyed by the dataset fingerprint and the whole
// preprocessing config, so a second run with the same data and settings decodes nothing, and
// any change to either builds (and caches) anew. Unusable cache files are rebuilt, and why is
// reported in `cache.rebuilt`.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { findWorkspaceRoot } from '@lddm/config';
import { buildClips, type BuildOptions, type Built } from './build-clips';
import { toClipSet, type ClipSet, type RawClips } from './clip-set';
import type { ImageDataset, VideoDataset } from './dataset';
import { fingerprintDataset } from './fingerprint';
import { buildImages, toImageSet, type ImageSet, type RawImages } from './image-set';
import type { ClipPreprocess, ImagePreprocess } from './preprocess';
import { readCache, writeCache, type CacheContents } from './tensor-cache';

/** Bump when what a builder produces changes for the same config. */
const CACHE_VERSION = 1;

export interface CacheOptions extends BuildOptions {
  /** Cache folder (default <workspace>/.lddm/cache); false turns the cache off. */
  cacheDir?: string | false;
  /** The dataset's fingerprint if already known (else computed, which reads every file). */
  fingerprint?: string;
}

export interface CacheInfo {
  key: string;
  path?: string;
  hit: boolean;
  /** Why an existing cache file was not used (absent files are not mentioned). */
  rebuilt?: string;
}

export interface Loaded<T> {
  value: T;
  fingerprint: string;
  cache: CacheInfo;
  /** Frames or images decoded by this call: 0 on a cache hit. */
  decoded: number;
}

export const defaultCacheDir = (): string => join(findWorkspaceRoot(), '.lddm', 'cache');

export function cacheKey(what: string, fingerprint: string, config: unknown): string {
  const text = JSON.stringify({ v: CACHE_VERSION, what, fingerprint, config });
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

async function cached<T>(
  what: string,
  fingerprint: string,
  config: unknown,
  options: CacheOptions,
  io: { build: () => Promise<Built<T>>; encode: (v: T) => CacheContents; decode: (c: CacheContents) => T },
): Promise<{ value: T; cache: CacheInfo; decoded: number }> {
  const key = cacheKey(what, fingerprint, config);
  if (options.cacheDir === false) return { ...(await io.build()), cache: { key, hit: false } };
  const path = resolve(options.cacheDir ?? defaultCacheDir(), `${what}-${key}.bin`);
  const read = await readCache(path, key);
  if (read.ok) return { value: io.decode(read.contents), cache: { key, path, hit: true }, decoded: 0 };
  const built = await io.build();
  await writeCache(path, key, io.encode(built.value));
  return { ...built, cache: { key, path, hit: false, ...(read.reason !== 'absent' ? { rebuilt: read.reason } : {}) } };
}

/** The dataset's clips, from the cache when possible. */
export async function loadClips(dataset: VideoDataset, config: ClipPreprocess, options: CacheOptions = {}): Promise<Loaded<ClipSet>> {
  const fingerprint = options.fingerprint ?? (await fingerprintDataset(dataset, { progress: options.progress }));
  const r = await cached<RawClips>('clips', fingerprint, config, options, {
    build: () => buildClips(dataset, config, options),
    encode: ({ pixels, labels, clipIndex, startFrame, ...meta }) => ({ meta, arrays: { pixels, labels, clipIndex, startFrame } }),
    decode: ({ meta, arrays }) => ({ ...(meta as Omit<RawClips, 'pixels' | 'labels' | 'clipIndex' | 'startFrame'>), pixels: arrays.pixels as Uint8Array, labels: arrays.labels as Int32Array, clipIndex: arrays.clipIndex as Int32Array, startFrame: arrays.startFrame as Int32Array }),
  });
  return { value: toClipSet(r.value), fingerprint, cache: r.cache, decoded: r.decoded };
}

/** The dataset's images as condition frames, from the cache when possible. */
export async function loadImages(dataset: ImageDataset, config: ImagePreprocess, options: CacheOptions = {}): Promise<Loaded<ImageSet>> {
  const fingerprint = options.fingerprint ?? (await fingerprintDataset(dataset, { progress: options.progress }));
  const r = await cached<RawImages>('images', fingerprint, config, options, {
    build: () => buildImages(dataset, config, options),
    encode: ({ pixels, labels, ...meta }) => ({ meta, arrays: { pixels, labels } }),
    decode: ({ meta, arrays }) => ({ ...(meta as Omit<RawImages, 'pixels' | 'labels'>), pixels: arrays.pixels as Uint8Array, labels: arrays.labels as Int32Array }),
  });
  return { value: toImageSet(r.value), fingerprint, cache: r.cache, decoded: r.decoded };
}
