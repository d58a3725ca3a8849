import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGrayPng, writeGrayPng } from './png';
import { readGray } from './spec-helpers';

describe('grayscale PNG', () => {
  it('round-trips through sharp as one 8-bit channel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phantom-png-'));
    const pixels = Uint8Array.from({ length: 7 * 5 }, (_, i) => (i * 37) & 255);
    await writeGrayPng(join(dir, 'a.png'), pixels, 7, 5);
    const back = await readGray(join(dir, 'a.png'));
    expect([back.width, back.height, back.channels]).toEqual([7, 5, 1]);
    expect(Array.from(back.pixels)).toEqual(Array.from(pixels));
    await rm(dir, { recursive: true, force: true });
  });

  it('is deterministic and checks its size', () => {
    const pixels = new Uint8Array(16).fill(9);
    expect(encodeGrayPng(pixels, 4, 4).equals(encodeGrayPng(pixels, 4, 4))).toBe(true);
    expect(() => encodeGrayPng(pixels, 5, 4)).toThrow(/16 bytes for 5x4/);
  });
});
