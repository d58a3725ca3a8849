// Whether a recorded file still holds the bytes that were hashed when it was recorded. Hashing
// every artifact before every reuse would cost seconds per step on a large run; instead the hash
// is remembered with the file's stat (device, inode, size, mtime, ctime) in file_checks, and a
// file whose stat is unchanged is not read again. ctime cannot be set back by a user, so an edit
// that restores the mtime is still caught.
import { statSync } from 'node:fs';
import { hashFileSync } from '@lddm/runtime/files';

export interface FileState {
  dev: number;
  ino: number;
  bytes: number;
  mtimeNs: string;
  ctimeNs: string;
}

/** The identifying stat of a regular file, or undefined if there is none at `path`. */
export function fileState(path: string): FileState | undefined {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (st === undefined || !st.isFile()) return undefined;
  return { dev: Number(st.dev), ino: Number(st.ino), bytes: Number(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
}

export const sameState = (a: FileState, b: FileState): boolean =>
  a.dev === b.dev && a.ino === b.ino && a.bytes === b.bytes && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

export interface FileCheck {
  /** One line naming the file, when it does not match its record. */
  problem?: string;
  /** The state and hash to remember (absent when the file is gone). */
  seen?: FileState & { sha256: string };
}

/**
 * Compares a file with its recorded size and sha256. `cached`: the last check of this path, used
 * without reading the file when its state is unchanged.
 */
export function checkFile(path: string, recorded: { sha256: string; bytes: number }, cached?: FileState & { sha256: string }): FileCheck {
  const state = fileState(path);
  if (state === undefined) return { problem: `${path}: missing` };
  if (state.bytes !== recorded.bytes) return { problem: `${path}: ${state.bytes} bytes, ${recorded.bytes} when recorded` };
  const sha256 = cached !== undefined && sameState(cached, state) ? cached.sha256 : hashFileSync(path).sha256;
  const seen = { ...state, sha256 };
  if (sha256 !== recorded.sha256) return { problem: `${path}: content changed since it was recorded (sha256 ${sha256.slice(0, 12)}, recorded ${recorded.sha256.slice(0, 12)})`, seen };
  return { seen };
}
