import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync, WriteError } from './atomic-write';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lddm-atomic-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the content, creating the folder, and leaves no temporary file', async () => {
    const path = join(dir, 'ckpt', 'model.bin');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(readdirSync(join(dir, 'ckpt'))).toEqual(['model.bin']);
  });

  it('has a synchronous form for text that does the same', () => {
    const path = join(dir, 'out', 'table.csv');
    writeFileAtomicSync(path, 'one');
    writeFileAtomicSync(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'out'))).toEqual(['table.csv']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'a.json');
    writeFileSync(path, 'old content that is longer');
    await writeFileAtomic(path, '{"new":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"new":1}');
  });

  it('leaves the old file and no temporary behind when the rename fails', async () => {
    const path = join(dir, 'target');
    // A directory in the way makes rename fail after the temp file was written.
    await writeFileAtomic(join(path, 'inner'), 'x');
    await expect(writeFileAtomic(path, 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
  });
});

describe('a target that cannot be written', () => {
  // sysfs refuses new files even to root (EACCES): a read-only target any test machine has.
  it.skipIf(!existsSync('/sys/kernel'))('is a WriteError naming the file and the fix (async and sync)', async () => {
    await expect(writeFileAtomic('/sys/lddm-test.json', 'x')).rejects.toThrow(WriteError);
    await expect(writeFileAtomic('/sys/lddm-test.json', 'x')).rejects.toThrow(/^\/sys\/lddm-test\.json: cannot be written \(no permission to write there\); free space or choose a writable folder/);
    expect(() => writeFileAtomicSync('/sys/lddm-test.json', 'x')).toThrow(WriteError);
  });
});
