// A dataset's fingerprint: sha256 over its sorted relative file list, each file's size and its
// bytes, and then the labels the loader gave its items (so that applying an erratum, or reading
// the same files as another kind of dataset, is a different dataset). Callers record it in the
// registry with Registry.recordDataset; runs and caches are keyed by it.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createProgress, type ProgressStream } from '@lddm/runtime';
import type { ImageDataset, VideoDataset } from './dataset';
import { DataError, errorLine } from './errors';

export interface FingerprintOptions {
  /** Progress bar on stderr (or the given stream): default on for 500 files or more. */
  progress?: boolean | ProgressStream;
}

const STREAM_ABOVE = 8 << 20; // bigger files are streamed rather than read whole

/** sha256 (hex) of the files (relative to root) and a JSON-able description of their labels. */
export async function fingerprintFiles(root: string, relFiles: readonly string[], labels: unknown, options: FingerprintOptions = {}): Promise<string> {
  const files = [...relFiles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const show = options.progress ?? files.length >= 500;
  const progress = show
    ? createProgress({ label: 'fingerprint', total: files.length, unit: 'file', stream: typeof show === 'object' ? show : undefined })
    : undefined;
  const hash = createHash('sha256');
  hash.update(`lddm-dataset-v1\0${files.length}\0`);
  for (const rel of files) {
    const path = join(root, rel);
    try {
      const { size } = await stat(path);
      hash.update(`${rel}\0${size}\0`);
      if (size > STREAM_ABOVE) await streamInto(hash, path);
      else hash.update(await readFile(path));
    } catch (error) {
      throw new DataError(path, `cannot be read (${errorLine(error)})`, 'check that the dataset is complete and readable');
    }
    progress?.tick();
  }
  hash.update(`\0labels\0${JSON.stringify(labels)}`);
  progress?.done();
  return hash.digest('hex');
}

async function streamInto(hash: Hash, path: string): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

export function fingerprintDataset(dataset: VideoDataset | ImageDataset, options: FingerprintOptions = {}): Promise<string> {
  const items = 'videos' in dataset ? dataset.videos : dataset.images;
  const labels = { kind: dataset.kind, classes: dataset.classes, items: items.map((i) => [i.id, i.label]) };
  return fingerprintFiles(dataset.root, dataset.files, labels, options);
}
