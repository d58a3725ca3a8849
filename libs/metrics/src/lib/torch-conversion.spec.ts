// End to end: write a tiny checkpoint in PyTorch's layout (pytorch-i3d names, OIDHW convs; the
// lpips package's heads [1, C, 1, 1]), convert it, load it into small extractors, and check that
// every value landed where the layout mapping says.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, saveCheckpoint, tf } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I3d } from './i3d';
import { I3dExtractor } from './i3d-extractor';
import { Lpips } from './lpips';
import { LpipsMetric } from './lpips-metric';
import { convertTorchCheckpoint, mapTorchName } from './torch-conversion';

/** Our channels-last tensor back to PyTorch's layout (the inverse of the conversion). */
function toTorch(t: tf.Tensor): tf.Tensor {
  if (t.rank === 5) return tf.transpose(t, [4, 3, 0, 1, 2]);
  if (t.rank === 4) return tf.transpose(t, [3, 2, 0, 1]);
  return tf.clone(t);
}

describe('convertTorchCheckpoint', () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend('wasm');
    dir = await mkdtemp(join(tmpdir(), 'lddm-convert-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps names: pytorch-i3d as is, torchvision and lpips onto Vgg16 / Lpips, counters and classifiers dropped', () => {
    expect(mapTorchName('i3d', 'Mixed_3b.b0.conv3d.weight')).toBe('Mixed_3b.b0.conv3d.weight');
    expect(mapTorchName('i3d', 'Mixed_3b.b0.bn.num_batches_tracked')).toBeUndefined();
    expect(mapTorchName('vgg16', 'features.28.bias')).toBe('features.28.bias');
    expect(mapTorchName('vgg16', 'classifier.0.weight')).toBeUndefined();
    expect(mapTorchName('lpips-vgg16', 'features.5.weight')).toBe('net.features.5.weight');
    expect(mapTorchName('lpips-vgg16', 'net.slice2.7.weight')).toBe('net.features.7.weight');
    expect(mapTorchName('lpips-vgg16', 'lin3.model.1.weight')).toBe('lin3.weight');
  });

  it('converts an OIDHW I3D checkpoint into one that a fresh extractor loads to the same outputs', async () => {
    const network = { classes: 4, width: 1 / 16 };
    const source = new I3d(11, network);
    source.eval();
    const torchState: Record<string, tf.Tensor> = {};
    for (const [name, v] of Object.entries(source.stateDict())) torchState[name] = toTorch(v);
    torchState['Conv3d_1a_7x7.bn.num_batches_tracked'] = tf.scalar(7, 'int32');
    const torchPath = join(dir, 'rgb_tiny.safetensors');
    await saveCheckpoint(torchPath, { weights: torchState });
    // A PyTorch weight [O, I, D, H, W] element lands at ours [D, H, W, I, O].
    const torchConv = (await torchState['Mixed_3b.b1b.conv3d.weight'].array()) as number[][][][][];

    const out = join(dir, 'i3d-tiny.safetensors');
    const result = await convertTorchCheckpoint([torchPath], 'i3d', out);
    expect(result.dropped).toEqual(['Conv3d_1a_7x7.bn.num_batches_tracked']);

    const extractor = await I3dExtractor.create({ id: 'i3d-kinetics400', output: 'logits', frames: 8, size: 32, seed: 99, network, weightsPath: out });
    expect(extractor.weights).toEqual({ source: 'file', sha256: result.sha256, path: out });
    const loaded = extractor.network.stateDict();
    const ours = (await loaded['Mixed_3b.b1b.conv3d.weight'].array()) as number[][][][][];
    expect(loaded['Mixed_3b.b1b.conv3d.weight'].shape).toEqual(source.stateDict()['Mixed_3b.b1b.conv3d.weight'].shape);
    expect(ours[2][1][0][3][1]).toBe(torchConv[1][3][2][1][0]);
    for (const [name, v] of Object.entries(source.stateDict())) {
      expect(tf.max(tf.abs(tf.sub(v, loaded[name]))).dataSync()[0]).toBe(0);
    }
    const videos = tf.randomUniform([2, 8, 32, 32, 1], -1, 1, 'float32', 12) as tf.Tensor5D;
    const expected = tf.tidy(() => source.apply(tf.tile(videos, [1, 1, 1, 1, 3]) as tf.Tensor5D).logits);
    const got = extractor.features(videos);
    expect(Array.from(got.data)).toEqual(Array.from(expected.dataSync()));
    extractor.dispose();
    source.dispose();
  });

  it('assembles LPIPS from a torchvision VGG16 file and an lpips heads file; a wrong layout is rejected', async () => {
    const source = new Lpips(21, { width: 1 / 16 });
    const trunk: Record<string, tf.Tensor> = { 'classifier.0.weight': tf.zeros([3, 2]) };
    const heads: Record<string, tf.Tensor> = {};
    for (const [name, v] of Object.entries(source.stateDict())) {
      if (name.startsWith('net.')) trunk[name.slice('net.'.length)] = toTorch(v);
      else heads[name.replace(/^lin(\d)\.weight$/, 'lin$1.model.1.weight')] = toTorch(tf.mul(v, 0.5));
    }
    const trunkPath = join(dir, 'vgg16-tiny.safetensors');
    const headsPath = join(dir, 'lpips-heads.safetensors');
    await saveCheckpoint(trunkPath, { weights: trunk });
    await saveCheckpoint(headsPath, { weights: heads });
    expect(heads['lin0.model.1.weight'].shape).toEqual([1, source.net.tapChannels[0], 1, 1]);
    const out = join(dir, 'lpips-tiny.safetensors');
    await convertTorchCheckpoint([trunkPath, headsPath], 'lpips-vgg16', out);
    const metric = await LpipsMetric.create({ size: 16, seed: 5, network: { width: 1 / 16 }, weightsPath: out });
    const a = tf.randomUniform([1, 2, 16, 16, 1], -1, 1, 'float32', 1) as tf.Tensor5D;
    const b = tf.randomUniform([1, 2, 16, 16, 1], -1, 1, 'float32', 2) as tf.Tensor5D;
    // Heads were halved in the file, so the converted LPIPS is half the source's.
    const reference = source.videoDistance(tf.tile(a, [1, 1, 1, 1, 3]) as tf.Tensor5D, tf.tile(b, [1, 1, 1, 1, 3]) as tf.Tensor5D)[0];
    expect(metric.videos(a, b)[0]).toBeCloseTo(reference / 2, 5);
    metric.dispose();

    // Trunk-only file for an LPIPS target: loading must fail on the missing heads, naming them.
    const trunkOnly = join(dir, 'lpips-trunk-only.safetensors');
    await convertTorchCheckpoint([trunkPath], 'lpips-vgg16', trunkOnly);
    await expect(LpipsMetric.create({ size: 16, seed: 5, network: { width: 1 / 16 }, weightsPath: trunkOnly })).rejects.toThrow(/missing lin0.weight/);
    source.dispose();
  });
});
