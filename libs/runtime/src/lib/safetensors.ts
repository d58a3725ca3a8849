// The safetensors file format (https://github.com/huggingface/safetensors): an 8-byte
// little-endian header length N, N bytes of JSON header, then the raw little-endian tensor data.
// The header maps each tensor name to { dtype, shape, data_offsets: [begin, end] } (offsets into
// the data section) and may hold "__metadata__", a string-to-string map.
import { endianness } from 'node:os';
import { tf } from './tf';

type StoredDtype = 'float32' | 'int32' | 'bool';
const TO_FILE: Record<StoredDtype, string> = { float32: 'F32', int32: 'I32', bool: 'BOOL' };
const FROM_FILE: Record<string, { dtype: StoredDtype; bytes: number }> = {
  F32: { dtype: 'float32', bytes: 4 },
  I32: { dtype: 'int32', bytes: 4 },
  BOOL: { dtype: 'bool', bytes: 1 },
};
// A header this large is corruption, not a checkpoint (the reference implementation caps at 100 MB).
const MAX_HEADER_BYTES = 100_000_000;

export interface TensorSpec {
  name: string;
  dtype: tf.DataType;
  shape: readonly number[];
}

export interface TensorEntry {
  name: string;
  dtype: StoredDtype;
  shape: number[];
  begin: number;
  end: number;
}

export interface ParsedFile {
  entries: TensorEntry[];
  metadata: Record<string, string>;
  dataStart: number;
}

// Typed arrays use the host's byte order; every platform Node supports in practice is little-endian.
if (endianness() !== 'LE') throw new Error('safetensors: big-endian hosts are not supported');

export function isStoredDtype(dtype: tf.DataType): dtype is StoredDtype {
  return dtype in TO_FILE;
}

/** Length prefix + JSON header padded with spaces to 8 bytes, so the data section is aligned. */
export function encodeHeader(tensors: readonly TensorSpec[], metadata: Record<string, string>): { header: Buffer; dataBytes: number } {
  const json: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const { name, dtype, shape } of tensors) {
    if (!isStoredDtype(dtype)) throw new Error(`tensor "${name}" has dtype ${dtype}; only float32, int32 and bool are stored`);
    const bytes = shape.reduce((a, b) => a * b, 1) * FROM_FILE[TO_FILE[dtype]].bytes;
    json[name] = { dtype: TO_FILE[dtype], shape: [...shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const text = Buffer.from(JSON.stringify(json), 'utf8');
  const padded = Math.ceil(text.length / 8) * 8;
  const header = Buffer.alloc(8 + padded, 0x20);
  header.writeBigUInt64LE(BigInt(padded), 0);
  text.copy(header, 8);
  return { header, dataBytes: offset };
}

/** The bytes of a tensor as stored in the data section. */
export async function tensorBytes(tensor: tf.Tensor): Promise<Buffer> {
  if (!isStoredDtype(tensor.dtype)) throw new Error(`${tensor.dtype} tensors cannot be stored`);
  const view = await tensor.data();
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** Validates the header against the file size; throws an Error whose message says what is wrong. */
export function parseFile(file: Buffer): ParsedFile {
  if (file.length < 8) throw new Error(`truncated: ${file.length} bytes, less than the 8-byte header length`);
  const headerBytes = file.readBigUInt64LE(0);
  if (headerBytes > BigInt(Math.min(MAX_HEADER_BYTES, file.length - 8))) {
    throw new Error(`truncated or corrupt: header length ${headerBytes} but only ${file.length - 8} bytes follow`);
  }
  const dataStart = 8 + Number(headerBytes);
  let json: unknown;
  try {
    json = JSON.parse(file.toString('utf8', 8, dataStart));
  } catch {
    throw new Error('corrupt: the header is not valid JSON');
  }
  if (!isRecord(json)) throw new Error('corrupt: the header is not a JSON object');

  const metadata: Record<string, string> = {};
  const entries: TensorEntry[] = [];
  for (const [name, value] of Object.entries(json)) {
    if (name === '__metadata__') {
      if (!isRecord(value)) throw new Error('corrupt: __metadata__ is not an object');
      for (const [key, text] of Object.entries(value)) {
        if (typeof text !== 'string') throw new Error(`corrupt: __metadata__.${key} is not a string`);
        metadata[key] = text;
      }
    } else {
      entries.push(parseEntry(name, value));
    }
  }
  // Tensors must tile the data section exactly: no holes, overlaps or trailing bytes.
  const dataBytes = file.length - dataStart;
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.begin - b.begin)) {
    if (entry.end > dataBytes) {
      throw new Error(`truncated: tensor "${entry.name}" ends at data byte ${entry.end} but the data section has ${dataBytes} bytes`);
    }
    if (entry.begin !== expected) throw new Error(`corrupt: tensor "${entry.name}" starts at data byte ${entry.begin}, expected ${expected}`);
    expected = entry.end;
  }
  if (expected !== dataBytes) throw new Error(`corrupt: ${dataBytes - expected} bytes after the last tensor`);
  return { entries, metadata, dataStart };
}

/** A new tensor holding a copy of the entry's bytes (aligned, independent of the file buffer). */
export function decodeTensor(file: Buffer, dataStart: number, entry: TensorEntry): tf.Tensor {
  const bytes = file.buffer.slice(file.byteOffset + dataStart + entry.begin, file.byteOffset + dataStart + entry.end);
  const values = entry.dtype === 'float32' ? new Float32Array(bytes) : entry.dtype === 'int32' ? new Int32Array(bytes) : new Uint8Array(bytes);
  return tf.tensor(values, entry.shape, entry.dtype);
}

function parseEntry(name: string, value: unknown): TensorEntry {
  if (!isRecord(value)) throw new Error(`corrupt: header entry "${name}" is not an object`);
  const { dtype, shape, data_offsets: offsets } = value;
  const stored = typeof dtype === 'string' ? FROM_FILE[dtype] : undefined;
  if (stored === undefined) throw new Error(`tensor "${name}" has unsupported dtype ${JSON.stringify(dtype)} (supported: F32, I32, BOOL)`);
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) throw new Error(`corrupt: tensor "${name}" has an invalid shape`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger) || offsets[0] > offsets[1]) {
    throw new Error(`corrupt: tensor "${name}" has invalid data_offsets`);
  }
  const [begin, end] = offsets;
  const size = shape.reduce((a, b) => a * b, 1) * stored.bytes;
  if (end - begin !== size) throw new Error(`corrupt: tensor "${name}" spans ${end - begin} bytes, its shape needs ${size}`);
  return { name, dtype: stored.dtype, shape, begin, end };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
