import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '@lddm/config';
import { smallCondEncoder, smallImage } from '../testing/small-configs';
import { imageEncoderShapes, ResNetImageEncoder } from './resnet-image-encoder';

beforeAll(async () => {
  await initBackend('wasm');
});

const TINY = smallCondEncoder({ backbone: { block: 'basic', layers: [1, 1], widths: [8, 16], stemWidth: 8 }, cDim: 6 });
const PAPER = loadProfile('paper').cinn.condEncoder;

const images = (b: number, h = 16, w = 16): tf.Tensor4D => tf.clipByValue(tf.randomNormal([b, h, w, 1], 0, 0.5, 'float32', 4), -1, 1);

describe('ResNetImageEncoder', () => {
  it("the paper profile's encoder is the reference: ResNet-50 (bottleneck [3, 4, 6, 3]), 2 x 128, logvar in [-30, 10]", () => {
    const c = PAPER;
    expect(c.backbone).toEqual({ block: 'bottleneck', layers: [3, 4, 6, 3], widths: [64, 128, 256, 512], stemWidth: 64 });
    expect(c.cDim).toBe(128);
    expect(c.logvarClamp).toEqual([-30, 10]);
    // 128 px: stem 64, max-pool 32, stages 32, 16, 8, 4 -> the head's kernel is 4 x 4.
    expect(imageEncoderShapes(128, c.backbone)).toEqual([[64, 64], [32, 32], [32, 32], [16, 16], [8, 8], [4, 4]]);
  });

  it('ResNet-50 body has torchvision resnet50 parameter count without fc (23,508,032; GN affine = BN affine)', () => {
    // 32 px keeps the head (kernel 1 x 1) small; the body does not depend on the image size.
    const e = new ResNetImageEncoder(1, PAPER, { imageSize: 32, channels: 3 });
    expect(e.featureChannels).toBe(2048);
    const head = 2048 * 256 + 256;
    expect(e.parameterCount() - head).toBe(23_508_032);
    e.dispose();
  });

  it('gives mean and logvar [B, cDim] from a head whose kernel is the final feature size', () => {
    const e = new ResNetImageEncoder(2, TINY, smallImage(16));
    const x = images(3);
    // 16 -> stem 8 -> pool 4 -> 4 -> 2.
    expect(e.features(x).shape).toEqual([3, 2, 2, 16]);
    const { mean, logvar } = e.encode(x);
    expect(mean.shape).toEqual([3, 6]);
    expect(logvar.shape).toEqual([3, 6]);
    expect(Array.from(e.encodeMean(x).dataSync())).toEqual(Array.from(mean.dataSync()));
    const head = e.namedParameters().find(([n]) => n === 'head.weight')?.[1];
    expect(head?.shape).toEqual([2, 2, 16, 12]);
    // The nn ResNet2d trunk keeps torchvision-like names: stem.*, layerN.block.*, then head.*.
    const names = e.namedParameters().map(([n]) => n);
    expect([names[0], names[3], names.at(-1)]).toEqual(['stem.0.weight', 'layer1.0.conv1.weight', 'head.bias']);
    expect(e.apply(x).shape).toEqual([3, 16]);
  });

  it('clamps the log-variance to logvarClamp', () => {
    const e = new ResNetImageEncoder(2, TINY, smallImage(16));
    const bias = e.namedParameters().find(([n]) => n === 'head.bias')?.[1];
    if (bias === undefined) throw new Error('no head bias');
    const x = images(2);
    bias.assign(tf.concat([tf.zeros([6]), tf.fill([6], 1e4)]));
    expect(Array.from(e.encode(x).logvar.dataSync()).every((v) => v === 10)).toBe(true);
    bias.assign(tf.concat([tf.zeros([6]), tf.fill([6], -1e4)]));
    expect(Array.from(e.encode(x).logvar.dataSync()).every((v) => v === -30)).toBe(true);
  });

  it('rejects images of the wrong size', () => {
    const e = new ResNetImageEncoder(2, TINY, smallImage(16));
    expect(() => e.encode(images(1, 8, 8))).toThrow(/\[B, 16, 16, 1\]/);
  });
});
