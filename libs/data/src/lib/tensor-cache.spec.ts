import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures';
import { readCache, writeCache } from './tensor-cache';

describe('tensor cache files', () => {
  const dir = tempDir();
  const contents = {
    meta: { ids: ['a', 'b'], note: 'ünïcode' },
    arrays: { pixels: Uint8Array.from([1, 2, 3]), labels: Int32Array.from([-1, 7]), data: Float32Array.from([0.5, -0.25, 3]) },
  };

  it('round-trips meta and typed arrays', async () => {
    const path = join(dir, 'a.bin');
    await writeCache(path, 'k1', contents);
    const read = await readCache(path, 'k1');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.contents.meta).toEqual(contents.meta);
    expect(read.contents.arrays.pixels).toEqual(contents.arrays.pixels);
    expect(read.contents.arrays.labels).toEqual(contents.arrays.labels);
    expect(read.contents.arrays.data).toEqual(contents.arrays.data);
  });

  it.each([
    ['absent', (_p: string) => {}, /^absent$/],
    ['written for another key', (_p: string) => {}, /another key/],
    ['truncated', (p: string) => truncateSync(p, readFileSync(p).length - 1), /partial write/],
    ['cut inside the header', (p: string) => truncateSync(p, 20), /truncated inside the header/],
    ['damaged', (p: string) => {
      const b = readFileSync(p);
      b[b.length - 2] ^= 1;
      writeFileSync(p, b);
    }, /checksum mismatch/],
    ['not a cache file', (p: string) => writeFileSync(p, 'hello'), /not a cache file/],
  ])('%s -> stale with a reason', async (name, damage, reason) => {
    const path = join(dir, `${name}.bin`);
    if (name !== 'absent') await writeCache(path, 'k1', contents);
    damage(path);
    const read = await readCache(path, name === 'written for another key' ? 'k2' : 'k1');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(reason);
  });
});
