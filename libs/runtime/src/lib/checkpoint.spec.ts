import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tf } from './tf';
import { initBackend } from './backend';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';

let dir: string;
beforeAll(async () => {
  await initBackend('cpu');
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lddm-ckpt-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const bytesOf = (t: tf.Tensor): Buffer => Buffer.from(t.dataSync().buffer.slice(0));

function sampleWeights(): Record<string, tf.Tensor> {
  return {
    'enc/conv1/kernel': tf.tensor4d(Float32Array.from({ length: 54 }, (_, i) => Math.sin(i) * 1e-3 + 1 / 3), [3, 3, 2, 3]),
    'enc/conv1/bias': tf.tensor1d([0.1, -0, Number.MIN_VALUE, -1e30].map(Math.fround)),
    'step_table': tf.tensor2d([[1, -2], [2147483647, -2147483648]], [2, 2], 'int32'),
    'mask': tf.tensor1d([true, false, true], 'bool'),
    'scalar': tf.scalar(Math.PI),
  };
}

describe('saveCheckpoint / loadCheckpoint', () => {
  it('round-trips tensors bitwise with dtype, shape and typed meta', async () => {
    const weights = sampleWeights();
    const path = join(dir, 'a.safetensors');
    const saved = await saveCheckpoint(path, { weights, meta: { epoch: 3, lr: 1e-4, done: false, tag: 'ema', digits: '007' } });
    const file = await readFile(path);
    expect(saved).toEqual({ path, bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') });

    const loaded = await loadCheckpoint(path);
    expect(Object.keys(loaded.weights).sort()).toEqual(Object.keys(weights).sort());
    for (const [name, t] of Object.entries(weights)) {
      expect(loaded.weights[name].dtype, name).toBe(t.dtype);
      expect(loaded.weights[name].shape, name).toEqual(t.shape);
      expect(bytesOf(loaded.weights[name]).equals(bytesOf(t)), name).toBe(true);
    }
    expect(loaded.meta).toEqual({ epoch: 3, lr: 1e-4, done: false, tag: 'ema', digits: '007' });
    expect(loaded.optimizerWeights).toEqual([]);
    expect(loaded.optimizerClass).toBeUndefined();
  });

  it('stores optimizer state under a prefix with its original names', async () => {
    const w = tf.variable(tf.tensor1d([1, 2, 3]), true, 'ckpt-test/w');
    const optimizer = tf.train.adam(0.1);
    for (let i = 0; i < 3; i++) optimizer.minimize(() => tf.sum(tf.square(w)), false, [w]);
    const path = join(dir, 'opt.safetensors');
    await saveCheckpoint(path, { weights: { w }, optimizer });

    const header = JSON.parse((await readFile(path)).toString('utf8', 8, 8 + Number((await readFile(path)).readBigUInt64LE(0))));
    expect(Object.keys(header).filter((k) => k.startsWith('__optimizer__/')).length).toBe(3);

    const expected = await optimizer.getWeights();
    const loaded = await loadCheckpoint(path);
    expect(loaded.optimizerClass).toBe('Adam');
    expect(loaded.optimizerWeights.map((n) => n.name)).toEqual(['iter', 'ckpt-test/w/m', 'ckpt-test/w/v']);
    loaded.optimizerWeights.forEach((n, i) => expect(bytesOf(n.tensor).equals(bytesOf(expected[i].tensor)), n.name).toBe(true));
    expect(loaded.optimizerWeights[0].tensor.dataSync()[0]).toBe(3);
    expect(Object.keys(loaded.optimizerState).sort()).toEqual(['accBeta1', 'accBeta2']);
    expect(Object.keys(loaded.weights)).toEqual(['w']);
  });

  it('does not leak the iteration scalar made by getWeights()', async () => {
    const w = tf.variable(tf.tensor1d([1]), true, 'ckpt-leak/w');
    const optimizer = tf.train.adam(0.1);
    optimizer.minimize(() => tf.sum(tf.square(w)), false, [w]);
    const before = tf.memory().numTensors;
    await saveCheckpoint(join(dir, 'leak.safetensors'), { weights: { w }, optimizer });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects reserved names and unstorable dtypes before writing anything', async () => {
    const path = join(dir, 'bad.safetensors');
    await expect(saveCheckpoint(path, { weights: { '__optimizer__/x': tf.scalar(1) } })).rejects.toThrow(/reserved prefix/);
    await expect(saveCheckpoint(path, { weights: { w: tf.scalar(1) }, meta: { 'lddm.format': 'x' } })).rejects.toThrow(/reserved prefix/);
    await expect(saveCheckpoint(path, { weights: { c: tf.complex([1], [2]) } })).rejects.toThrow(`cannot write ${path}: tensor "c" has dtype complex64`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failed write (disk full) leaves no partial file and keeps the previous checkpoint', async () => {
    const path = join(dir, 'full.safetensors');
    await saveCheckpoint(path, { weights: { w: tf.tensor1d([1, 2]) } });
    const previous = await readFile(path);

    // Let the header through, then fail like a full disk on the tensor data.
    const probe = await open(join(dir, 'probe'), 'w');
    const proto: { write: (...args: unknown[]) => Promise<unknown> } = Object.getPrototypeOf(probe);
    await probe.close();
    await rm(join(dir, 'probe'));
    const realWrite = proto.write;
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (++calls === 1) return realWrite.apply(this, args);
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    });

    await expect(saveCheckpoint(path, { weights: { w: tf.tensor1d([3, 4, 5]) } })).rejects.toThrow(
      `saveCheckpoint: cannot write ${path}: ENOSPC: no space left on device, write`,
    );
    expect(calls).toBe(2);
    expect(await readdir(dir)).toEqual(['full.safetensors']);
    expect((await readFile(path)).equals(previous)).toBe(true);
  });

  it('names the path when the directory does not exist', async () => {
    const path = join(dir, 'missing', 'x.safetensors');
    await expect(saveCheckpoint(path, { weights: { w: tf.scalar(1) } })).rejects.toThrow(`saveCheckpoint: cannot write ${path}: ENOENT`);
  });
});

describe('loadCheckpoint on damaged files', () => {
  async function expectOneLineError(path: string, pattern: RegExp): Promise<void> {
    const error: unknown = await loadCheckpoint(path).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = error instanceof Error ? error.message : '';
    expect(message).toMatch(pattern);
    expect(message).toContain(path);
    expect(message).not.toContain('\n');
  }

  it.each([1, 7, 8, 40, -1, -4])('a file truncated to %i bytes (negative: from the end)', async (cut) => {
    const path = join(dir, 'cut.safetensors');
    const { bytes } = await saveCheckpoint(path, { weights: sampleWeights() });
    await truncate(path, cut > 0 ? cut : bytes + cut);
    await expectOneLineError(path, /^loadCheckpoint: .* is not a valid checkpoint: truncated/);
  });

  it('a header overwritten with garbage', async () => {
    const path = join(dir, 'garbage.safetensors');
    await saveCheckpoint(path, { weights: sampleWeights() });
    const file = await readFile(path);
    file.fill(0x7b, 8, 20);
    await writeFile(path, file);
    await expectOneLineError(path, /is not a valid checkpoint: corrupt: the header is not valid JSON/);
  });

  it('a file that is not a checkpoint at all', async () => {
    const path = join(dir, 'text.safetensors');
    await writeFile(path, 'hello, this is a text file and not a checkpoint\n');
    await expectOneLineError(path, /is not a valid checkpoint/);
  });

  it('a missing file', async () => {
    await expectOneLineError(join(dir, 'nope.safetensors'), /^loadCheckpoint: cannot read .*ENOENT/);
  });

  it('optimizer names that do not match the stored tensors', async () => {
    const path = join(dir, 'names.safetensors');
    const w = tf.variable(tf.tensor1d([1]), true, 'ckpt-names/w');
    const optimizer = tf.train.adam(0.1);
    optimizer.minimize(() => tf.sum(w), false, [w]);
    await saveCheckpoint(path, { weights: { w }, optimizer });
    const file = await readFile(path);
    const text = file.toString('latin1').replace('"[\\"iter\\",', '"[\\"iter\\",\\"x\\",');
    const grown = Buffer.from(text, 'latin1');
    // Keep the header length honest: rewrite it for the longer JSON, as a buggy writer might.
    grown.writeBigUInt64LE(file.readBigUInt64LE(0) + BigInt(grown.length - file.length));
    await writeFile(path, grown);
    await expectOneLineError(path, /optimizer tensor "ckpt-names\/w\/v" is listed but absent|is not listed/);
  });
});
