// Cache files of preprocessed tensors. Layout:
//   "LDDMTC1\n"  u32le header length  header JSON (space-padded to 8 bytes)  payload
// The header names the cache key, the arrays (dtype, length, offset) and the payload's length
// and sha256. A file is trusted only if all of these match, so a file cut short by a crash, a
// file from an older format or another key, or a damaged one is reported as stale (with the
// reason) and rebuilt by the caller, never loaded. Files are written to a temporary name, synced
// and renamed, so readers never see one half-written.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@lddm/runtime/files';

const MAGIC = Buffer.from('LDDMTC1\n');
const FORMAT = 1;

export type CacheArray = Uint8Array | Int32Array | Float32Array;
const DTYPES = { u8: Uint8Array, i32: Int32Array, f32: Float32Array } as const;
type DType = keyof typeof DTYPES;

export interface CacheContents {
  /** Any JSON: ids, class names, the config that made the arrays. */
  meta: unknown;
  arrays: Record<string, CacheArray>;
}

interface Header {
  format: number;
  key: string;
  created: string;
  meta: unknown;
  arrays: Array<{ name: string; dtype: DType; length: number; offset: number }>;
  payloadBytes: number;
  payloadSha256: string;
}

const dtypeOf = (a: CacheArray): DType => (a instanceof Uint8Array ? 'u8' : a instanceof Int32Array ? 'i32' : 'f32');
const bytesOf = (a: CacheArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const pad8 = (n: number) => (8 - (n % 8)) % 8;

export async function writeCache(path: string, key: string, contents: CacheContents): Promise<void> {
  const parts: Uint8Array[] = [];
  const arrays: Header['arrays'] = [];
  let offset = 0;
  const hash = createHash('sha256');
  for (const [name, array] of Object.entries(contents.arrays)) {
    const bytes = bytesOf(array);
    const padding = new Uint8Array(pad8(offset));
    offset += padding.length;
    arrays.push({ name, dtype: dtypeOf(array), length: array.length, offset });
    for (const p of [padding, bytes]) {
      hash.update(p);
      parts.push(p);
    }
    offset += bytes.length;
  }
  const header: Header = { format: FORMAT, key, created: new Date().toISOString(), meta: contents.meta, arrays, payloadBytes: offset, payloadSha256: hash.digest('hex') };
  let json = Buffer.from(JSON.stringify(header));
  json = Buffer.concat([json, Buffer.alloc(pad8(MAGIC.length + 4 + json.length), ' ')]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);

  await writeFileAtomic(path, [MAGIC, length, json, ...parts]);
}

export type CacheRead = { ok: true; contents: CacheContents } | { ok: false; reason: string };

/** Reads a cache file written under `key`; `ok: false` says why it cannot be used. */
export async function readCache(path: string, key: string): Promise<CacheRead> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch {
    return { ok: false, reason: 'absent' };
  }
  const stale = (reason: string): CacheRead => ({ ok: false, reason });
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return stale('not a cache file (bad magic or truncated)');
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4 + headerLength;
  if (start > buf.length) return stale('truncated inside the header');
  let header: Header;
  try {
    header = JSON.parse(buf.subarray(MAGIC.length + 4, start).toString('utf8')) as Header;
  } catch {
    return stale('unreadable header');
  }
  if (header.format !== FORMAT) return stale(`format ${header.format}, expected ${FORMAT}`);
  if (header.key !== key) return stale('written for another key');
  if (buf.length !== start + header.payloadBytes) return stale(`length ${buf.length} bytes, header says ${start + header.payloadBytes} (partial write?)`);
  const payload = buf.subarray(start);
  if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) return stale('checksum mismatch (damaged file)');
  const arrays: Record<string, CacheArray> = {};
  for (const a of header.arrays) {
    const Type = DTYPES[a.dtype];
    const bytes = payload.subarray(a.offset, a.offset + a.length * Type.BYTES_PER_ELEMENT);
    // u8 is a view; wider types are copied to an aligned buffer.
    arrays[a.name] = a.dtype === 'u8' ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : new Type(Uint8Array.from(bytes).buffer);
  }
  return { ok: true, contents: { meta: header.meta, arrays } };
}
