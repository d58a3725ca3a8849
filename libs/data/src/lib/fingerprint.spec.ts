import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeBusv, writeGrayPng } from '../../test/fixtures';
import { loadBusv } from './busv';
import { fingerprintDataset, fingerprintFiles } from './fingerprint';

describe('fingerprint', () => {
  const root = tempDir();
  beforeAll(() => writeBusv(root, { benign: [['b', 3], ['x63c9ba1377f35bf6', 2]], malignant: [['m', 2]] }));

  it('depends on content, not on where the copy lives', async () => {
    const copy = join(tempDir(), 'copy');
    cpSync(root, copy, { recursive: true });
    const a = await fingerprintDataset(await loadBusv(root));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintDataset(await loadBusv(copy))).toBe(a);
    await writeGrayPng(join(copy, 'rawframes/benign/b/000001.png'), 77);
    expect(await fingerprintDataset(await loadBusv(copy))).not.toBe(a);
  });

  it('depends on the labels (an applied erratum is another dataset)', async () => {
    const withErrata = await fingerprintDataset(await loadBusv(root));
    expect(await fingerprintDataset(await loadBusv(root, { errata: false }))).not.toBe(withErrata);
  });

  it('depends on file names and list, and shows progress when asked', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'x');
    writeFileSync(join(dir, 'b'), 'x');
    const lines: string[] = [];
    const stream = { write: (s: string) => lines.push(s), isTTY: false };
    const ab = await fingerprintFiles(dir, ['b', 'a'], null, { progress: stream });
    expect(await fingerprintFiles(dir, ['a', 'b'], null, { progress: false })).toBe(ab);
    expect(await fingerprintFiles(dir, ['a'], null, { progress: false })).not.toBe(ab);
    expect(lines.join('')).toMatch(/fingerprint/);
  });
});
