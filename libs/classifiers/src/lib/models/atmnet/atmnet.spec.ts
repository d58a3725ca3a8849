import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeClassifierContract } from '../../testing/classifier-contract';
import { TINY_CONFIGS } from '../../testing/tiny-configs';
import { AtmLayer } from './atm-layer';
import { predictsOffsets } from './active-stage';
import { Atmnet } from './atmnet';

describeClassifierContract('atmnet');

describe('ATMNet', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('records its video adaptation and builds depths x blocks, offset layers as the reference, downsamples between stages', () => {
    const model = new Atmnet(1, { ...TINY_CONFIGS.atmnet, depths: [4, 1] }, { numClasses: 2, inChannels: 1 });
    expect(model.adaptation).toMatch(/per-frame, temporal average/);
    const names = model.namedParameters().map(([n]) => n);
    expect(names.filter((n) => /^stage\d\.\d\.norm1\.gamma$/.test(n))).toHaveLength(5);
    // New offsets at blocks 0 and 2 of four (every 2 blocks, never the last), and in a one-block stage.
    const shapes = Object.fromEntries(model.namedParameters().map(([n, v]) => [n, v.shape]));
    expect(names.filter((n) => n.endsWith('offsetLayer.weight'))).toEqual(['stage1.0.offsetLayer.weight', 'stage1.2.offsetLayer.weight', 'stage2.0.offsetLayer.weight']);
    // Active-xT shares one offset among 2 channels in stage 1 and 4 in stage 2: 2C / S outputs.
    expect(shapes['stage1.0.offsetLayer.weight']).toEqual([8, 8]);
    expect(shapes['stage2.0.offsetLayer.weight']).toEqual([16, 8]);
    expect(names).toContain('downsample1.weight');
    expect(names).toContain('stage1.peg.weight');
    model.dispose();
  });

  it('predicts new offsets every 2 blocks, never at the last block of a longer stage', () => {
    expect(predictsOffsets(0, 2, 2) && !predictsOffsets(1, 2, 2) && predictsOffsets(2, 4, 2) && !predictsOffsets(2, 3, 2) && predictsOffsets(0, 1, 2)).toBe(true);
  });

  it('ATM layer: the offsets change the output (the h and w branches sample where they point)', () => {
    const layer = new AtmLayer(2, 8);
    const x = tf.randomNormal([1, 4, 4, 8], 0, 1, 'float32', 1) as tf.Tensor4D;
    const still = layer.apply(x, tf.zeros([1, 4, 4, 16]));
    const moved = layer.apply(x, tf.fill([1, 4, 4, 16], 0.7) as tf.Tensor4D);
    expect(still.shape).toEqual([1, 4, 4, 8]);
    expect(tf.max(tf.abs(tf.sub(still, moved))).dataSync()[0]).toBeGreaterThan(1e-4);
    expect(() => layer.apply(x, tf.zeros([1, 4, 4, 8]))).toThrow(/offsets/);
  });
});
