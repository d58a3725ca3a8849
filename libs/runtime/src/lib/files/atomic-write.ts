// Artifacts must never be seen half-written: a crashed run leaves either the previous file or
// none, never a truncated checkpoint that a later run would load and a hash would bless.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A file the platform must write cannot be written: the folder is read-only or missing rights,
 * or the disk is full. Bad input to a CLI (exit 2): the message names the file and the fix.
 */
export class WriteError extends Error {
  override readonly name = 'WriteError';
}

const UNWRITABLE: Record<string, string> = {
  EACCES: 'no permission to write there',
  EPERM: 'no permission to write there',
  EROFS: 'the filesystem is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
};

/** The error of a failed write: a WriteError for the causes a user fixes, else as it was. */
function writeFailure(target: string, error: unknown): unknown {
  const why = UNWRITABLE[(error as NodeJS.ErrnoException).code ?? ''];
  return why === undefined ? error : new WriteError(`${target}: cannot be written (${why}); free space or choose a writable folder (e.g. --db, --out, data.cacheDir)`, { cause: error });
}

/**
 * Writes to a temporary name in the same directory, fsyncs, then renames over `path`.
 * `data` may be a list of chunks, so large binary files need not be concatenated in memory.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw writeFailure(target, error);
  });
  // Same directory, so the rename stays on one filesystem and is atomic.
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else for (const chunk of data) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw writeFailure(target, error);
  }
  await syncDirectory(dir);
}

/** The same, synchronously, for small text outputs (CLI results, reports). */
export function writeFileAtomicSync(path: string, text: string): void {
  const target = resolve(path);
  const dir = dirname(target);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw writeFailure(target, error);
  }
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeFailure(target, error);
  }
}

/** Persists a rename; best effort, as some filesystems refuse to fsync a directory (harmless). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
