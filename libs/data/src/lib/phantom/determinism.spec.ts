import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePhantom } from './generate';
import { hashTree, phantomData } from './spec-helpers';

// 5 videos so that the val json (a 0.2 share per class) lists one.
const tiny = (seed: number) => phantomData({ seed, videos: 5, malignant: 3, minFrames: 5, maxFrames: 7, size: 24 }, { benign: 1, malignant: 1 });

describe('phantom determinism', () => {
  const dirs: string[] = [];
  const run = async (seed: number, workers: number): Promise<Record<string, string>> => {
    const dir = await mkdtemp(join(tmpdir(), 'phantom-det-'));
    dirs.push(dir);
    await generatePhantom(tiny(seed), { outDir: dir, workers });
    const tree = await hashTree(dir);
    delete tree['phantom.json']; // holds timings
    return tree;
  };
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('same seed, same bytes; another seed, other bytes', async () => {
    const a = await run(11, 1);
    const b = await run(11, 1);
    const c = await run(12, 1);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
    // Only the marker and the (empty) normal masks may coincide.
    const shared = Object.keys(c).filter((k) => a[k] === c[k] && k !== '.lddm-phantom' && !/normal \(\d+\)_mask/.test(k));
    expect(shared).toEqual([]);
  });

  it('worker threads write the same bytes as one thread', async () => {
    expect(await run(11, 2)).toEqual(await run(11, 1));
  });
});
