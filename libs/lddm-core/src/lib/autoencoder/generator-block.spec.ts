import { initBackend, tf } from '@lddm/runtime';
import { SpectralNorm } from '@lddm/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeneratorBlock, type GeneratorBlockOptions } from './generator-block';

beforeAll(async () => {
  await initBackend('wasm');
});

const base: GeneratorBlockOptions = {
  inChannels: 8,
  outChannels: 8,
  imageChannels: 1,
  spadeHidden: 4,
  latent: { kind: 'vector', zDim: 3 },
  groups: 4,
  spectralNorm: false,
};
const x = (): tf.Tensor5D => tf.randomNormal<tf.Rank.R5>([2, 1, 2, 2, 8], 0, 1, 'float32', 1);
const x0 = (): tf.Tensor4D => tf.randomUniform<tf.Rank.R4>([2, 8, 8, 1], -1, 1, 'float32', 2);
const z = (): tf.Tensor2D => tf.randomNormal<tf.Rank.R2>([2, 3], 0, 1, 'float32', 3);

describe('GeneratorBlock', () => {
  it('upsamples before the block and keeps an identity shortcut at equal widths', () => {
    const block = new GeneratorBlock(1, { ...base, upsample: [2, 2, 2] });
    expect(block.shortcut).toBeUndefined();
    expect(block.apply(x(), x0(), z()).shape).toEqual([2, 2, 4, 4, 8]);
  });

  it('is x + dx: zeroing conv1 leaves the (upsampled) input', () => {
    const block = new GeneratorBlock(2, { ...base, upsample: [1, 2, 2] });
    const conv1 = block.conv1 as unknown as { weight: tf.Variable; bias: tf.Variable };
    conv1.weight.assign(tf.zerosLike(conv1.weight));
    conv1.bias.assign(tf.zerosLike(conv1.bias));
    const input = x();
    const out = block.apply(input, x0(), z());
    const up = tf.reshape(tf.tile(tf.reshape(input, [2, 1, 2, 1, 2, 1, 8]), [1, 1, 1, 2, 1, 2, 1]), [2, 1, 4, 4, 8]);
    expect(tf.max(tf.abs(tf.sub(out, up))).dataSync()[0]).toBeLessThan(1e-6);
  });

  it('projects the shortcut with GN + 1x1x1 conv when the width changes', () => {
    const block = new GeneratorBlock(3, { ...base, outChannels: 4 });
    expect(block.shortcut).toBeDefined();
    expect(block.apply(x(), x0(), z()).shape).toEqual([2, 1, 2, 2, 4]);
    const names = block.namedParameters().map(([n]) => n);
    expect(names).toContain('shortcutConv.weight');
    expect(names).toContain('shortcutNorm.gamma');
    expect(block.namedParameters().find(([n]) => n === 'shortcutConv.weight')?.[1].shape).toEqual([1, 1, 1, 8, 4]);
  });

  it('spectral-normalises its convs when asked, and the output depends on z', () => {
    const block = new GeneratorBlock(4, { ...base, outChannels: 4, spectralNorm: true });
    expect(block.conv0).toBeInstanceOf(SpectralNorm);
    expect(block.conv1).toBeInstanceOf(SpectralNorm);
    expect(block.shortcut?.conv).toBeInstanceOf(SpectralNorm);
    const a = block.apply(x(), x0(), z());
    const b = block.apply(x(), x0(), tf.randomNormal([2, 3], 0, 1, 'float32', 9));
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeGreaterThan(1e-3);
  });
});
