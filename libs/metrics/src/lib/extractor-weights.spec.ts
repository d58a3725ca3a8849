import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { initBackend, saveCheckpoint, tf } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialiseWeights, loadExtractorWeights, moduleWeightsHash } from './extractor-weights';
import { BatchNorm } from './batch-norm';

describe('extractor weights', () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend('wasm');
    dir = await mkdtemp(join(tmpdir(), 'lddm-weights-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hashes the concatenated weight bytes in name order', async () => {
    const bn = new BatchNorm({ channels: 2 });
    const bytes = ['bias', 'running_mean', 'running_var', 'weight'].map((n) => Buffer.from(bn.stateDict()[n].dataSync().buffer));
    expect(await moduleWeightsHash(bn)).toBe(createHash('sha256').update(Buffer.concat(bytes)).digest('hex'));
    const before = await moduleWeightsHash(bn);
    bn.weight.assign(tf.tensor1d([1, 2]));
    expect(await moduleWeightsHash(bn)).not.toBe(before);
  });

  it('loads a safetensors file with a name map, hashing the file; initialiseWeights loads by name', async () => {
    const path = join(dir, 'bn.safetensors');
    await saveCheckpoint(path, {
      weights: { 'x.weight': tf.tensor1d([2, 3]), 'x.bias': tf.tensor1d([1, 1]), 'x.running_mean': tf.zeros([2]), 'x.running_var': tf.ones([2]), extra: tf.zeros([1]) },
    });
    const loaded = await loadExtractorWeights(path, (n) => (n.startsWith('x.') ? n.slice(2) : undefined));
    expect(Object.keys(loaded.weights).sort()).toEqual(['bias', 'running_mean', 'running_var', 'weight']);
    expect(loaded.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    const bn = new BatchNorm({ channels: 2 });
    const seeded = await initialiseWeights(bn, undefined);
    expect(seeded.source).toBe('seeded-init');
    // The file's names carry the x. prefix, so a strict load must refuse it and leave bn as it was.
    await expect(initialiseWeights(bn, path, 'trained-in-domain')).rejects.toThrow(/do not fit/);
    expect([...bn.weight.dataSync()]).toEqual([1, 1]);
  });
});
