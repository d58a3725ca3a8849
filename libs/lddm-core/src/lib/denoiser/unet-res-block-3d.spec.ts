import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNetResBlock3D } from './unet-res-block-3d';

beforeAll(async () => {
  await initBackend('wasm');
});

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('UNetResBlock3D', () => {
  it('is the identity when fresh with equal widths, a 1x1x1 projection when they differ', () => {
    const x = tf.randomNormal<tf.Rank.R5>([2, 2, 3, 3, 4], 0, 1, 'float32', 1);
    const e = tf.randomNormal<tf.Rank.R2>([2, 5], 0, 1, 'float32', 2);
    const same = new UNetResBlock3D(1, { inChannels: 4, outChannels: 4, embDim: 5, normGroups: 2, dropout: 0 });
    const y = same.apply(x, e);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    const wider = new UNetResBlock3D(1, { inChannels: 4, outChannels: 6, embDim: 5, normGroups: 2, dropout: 0 });
    const z = wider.apply(x, e);
    expect(z.shape).toEqual([2, 2, 3, 3, 6]);
    expect(wider.namedParameters().map(([n]) => n)).toContain('skip.weight');
    tf.dispose([x, e, y, z]);
    same.dispose();
    wider.dispose();
  });

  it('depends on the embedding, and applies dropout in training mode only', () => {
    const block = new UNetResBlock3D(3, { inChannels: 4, outChannels: 4, embDim: 3, normGroups: 2, dropout: 0.5 });
    const [, conv2] = block.namedParameters().find(([n]) => n === 'conv2.weight') ?? [];
    if (conv2 === undefined) throw new Error('no conv2.weight');
    conv2.assign(tf.randomNormal(conv2.shape, 0, 0.3, 'float32', 4));
    const x = tf.randomNormal<tf.Rank.R5>([2, 1, 4, 4, 4], 0, 1, 'float32', 1);
    const e1 = tf.zeros<tf.Rank.R2>([2, 3]);
    const e2 = tf.ones<tf.Rank.R2>([2, 3]);
    block.eval();
    const [a, b, a2] = [block.apply(x, e1), block.apply(x, e2), block.apply(x, e1)];
    expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(a, a2)).toBe(0);
    block.train();
    const [d1, d2] = [block.apply(x, e1), block.apply(x, e1)];
    expect(maxAbsDiff(d1, d2)).toBeGreaterThan(1e-3);
    tf.dispose([x, e1, e2, a, b, a2, d1, d2]);
    block.dispose();
  });

  it('rejects mismatched shapes, naming the layer', () => {
    const block = new UNetResBlock3D(2, { inChannels: 4, outChannels: 4, embDim: 3, normGroups: 2, dropout: 0 });
    const x = tf.zeros<tf.Rank.R5>([2, 1, 2, 2, 4]);
    const e = tf.zeros<tf.Rank.R2>([3, 3]);
    expect(() => block.apply(x, e)).toThrow(/UNetResBlock3D: expected e of shape \[2, 3\]/);
    tf.dispose([x, e]);
    block.dispose();
  });
});
