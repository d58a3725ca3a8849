import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from './tf';
import { initBackend } from './backend';
import { decodeTensor, encodeHeader, parseFile, tensorBytes } from './safetensors';

beforeAll(async () => {
  await initBackend('cpu');
});

/** A file as the Python reference writes it: unpadded header, no metadata. */
function referenceFile(): Buffer {
  const header = Buffer.from(JSON.stringify({ b: { dtype: 'I32', shape: [2], data_offsets: [8, 16] }, a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }));
  const data = Buffer.concat([Buffer.from(new Float32Array([1.5, -2]).buffer), Buffer.from(new Int32Array([7, -9]).buffer)]);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, data]);
}

describe('safetensors', () => {
  it('encodes an aligned header with dtype, shape, offsets and metadata', () => {
    const { header, dataBytes } = encodeHeader(
      [
        { name: 'w', dtype: 'float32', shape: [2, 3] },
        { name: 'n', dtype: 'int32', shape: [] },
        { name: 'm', dtype: 'bool', shape: [3] },
      ],
      { note: 'x' },
    );
    expect(header.length % 8).toBe(0);
    expect(dataBytes).toBe(24 + 4 + 3);
    const n = Number(header.readBigUInt64LE(0));
    expect(n).toBe(header.length - 8);
    expect(JSON.parse(header.toString('utf8', 8))).toEqual({
      __metadata__: { note: 'x' },
      w: { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] },
      n: { dtype: 'I32', shape: [], data_offsets: [24, 28] },
      m: { dtype: 'BOOL', shape: [3], data_offsets: [28, 31] },
    });
  });

  it('refuses dtypes it cannot store', () => {
    expect(() => encodeHeader([{ name: 'c', dtype: 'complex64', shape: [1] }], {})).toThrow(/"c" has dtype complex64/);
  });

  it('reads a file written by the reference implementation', () => {
    const file = referenceFile();
    const parsed = parseFile(file);
    expect(parsed.metadata).toEqual({});
    const byName = Object.fromEntries(parsed.entries.map((e) => [e.name, decodeTensor(file, parsed.dataStart, e)]));
    expect(byName['a'].dtype).toBe('float32');
    expect(Array.from(byName['a'].dataSync())).toEqual([1.5, -2]);
    expect(byName['b'].dtype).toBe('int32');
    expect(Array.from(byName['b'].dataSync())).toEqual([7, -9]);
  });

  it('writes little-endian raw data', async () => {
    const bytes = await tensorBytes(tf.tensor1d([1], 'float32'));
    expect([...bytes]).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect([...(await tensorBytes(tf.tensor1d([true, false], 'bool')))]).toEqual([1, 0]);
  });

  it.each([
    ['an empty file', (f: Buffer) => f.subarray(0, 0), /less than the 8-byte header length/],
    ['a cut header', (f: Buffer) => f.subarray(0, 20), /header length \d+ but only 12 bytes follow/],
    ['cut data', (f: Buffer) => f.subarray(0, f.length - 3), /truncated: tensor "b" ends at data byte 16/],
    ['trailing bytes', (f: Buffer) => Buffer.concat([f, Buffer.alloc(4)]), /4 bytes after the last tensor/],
    ['garbage in the header', (f: Buffer) => Buffer.concat([f.subarray(0, 8), Buffer.from('#'), f.subarray(9)]), /not valid JSON/],
    ['an absurd header length', (f: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), f.subarray(8)]), /header length/],
  ])('rejects %s', (_what, damage, message) => {
    expect(() => parseFile(damage(referenceFile()))).toThrow(message);
  });

  it('rejects unsupported dtypes and inconsistent sizes', () => {
    const file = (entry: object): Buffer => {
      const header = Buffer.from(JSON.stringify({ t: entry }));
      const length = Buffer.alloc(8);
      length.writeBigUInt64LE(BigInt(header.length));
      return Buffer.concat([length, header, Buffer.alloc(8)]);
    };
    expect(() => parseFile(file({ dtype: 'F16', shape: [4], data_offsets: [0, 8] }))).toThrow(/unsupported dtype "F16"/);
    expect(() => parseFile(file({ dtype: 'F32', shape: [3], data_offsets: [0, 8] }))).toThrow(/spans 8 bytes, its shape needs 12/);
    expect(() => parseFile(file({ dtype: 'F32', shape: [-2], data_offsets: [0, 8] }))).toThrow(/invalid shape/);
  });
});
