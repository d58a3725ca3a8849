import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { BasicBlock3D } from './basic-block-3d';

beforeAll(async () => {
  await initBackend('wasm');
});

const clip = (shape: [number, number, number, number, number]): tf.Tensor5D => tf.randomNormal<tf.Rank.R5>(shape, 0, 1, 'float32', 3);

describe('BasicBlock3D', () => {
  it('keeps the shape with an identity shortcut and no projection parameters', () => {
    const block = new BasicBlock3D(1, { inChannels: 8, outChannels: 8, stride: [1, 1, 1], groups: 4, shortcutKernel: 3 });
    expect(block.shortcut).toBeUndefined();
    expect(block.apply(clip([2, 4, 6, 6, 8])).shape).toEqual([2, 4, 6, 6, 8]);
    // Two 3x3x3 convs without bias, two GroupNorms (gamma, beta).
    expect(block.parameterCount()).toBe(2 * 27 * 8 * 8 + 2 * 2 * 8);
  });

  it.each([
    { stride: [2, 2, 2] as const, inC: 8, outC: 16, out: [1, 2, 3, 3, 16] },
    { stride: [1, 2, 2] as const, inC: 8, outC: 8, out: [1, 4, 3, 3, 8] },
    { stride: [1, 1, 1] as const, inC: 8, outC: 16, out: [1, 4, 6, 6, 16] },
  ])('projects the shortcut when stride $stride or channels $inC -> $outC change', ({ stride, inC, outC, out }) => {
    const block = new BasicBlock3D(1, { inChannels: inC, outChannels: outC, stride, groups: 4, shortcutKernel: 3 });
    expect(block.shortcut).toBeDefined();
    expect(block.apply(clip([1, 4, 6, 6, inC])).shape).toEqual(out);
    const main = 27 * inC * outC + 27 * outC * outC + 2 * 2 * outC;
    expect(block.parameterCount()).toBe(main + 27 * inC * outC + 2 * outC);
    const k1 = new BasicBlock3D(1, { inChannels: inC, outChannels: outC, stride, groups: 4, shortcutKernel: 1 });
    expect(k1.parameterCount()).toBe(main + inC * outC + 2 * outC);
  });

  it('ends in a ReLU and has no conv biases', () => {
    const block = new BasicBlock3D(2, { inChannels: 4, outChannels: 8, stride: [2, 2, 2], groups: 2, shortcutKernel: 3 });
    expect(tf.min(block.apply(clip([1, 4, 4, 4, 4]))).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(block.namedParameters().map(([n]) => n).filter((n) => n.endsWith('bias'))).toEqual([]);
  });

  it('rejects groups that do not divide the channels', () => {
    expect(() => new BasicBlock3D(1, { inChannels: 8, outChannels: 12, stride: [1, 1, 1], groups: 8, shortcutKernel: 3 })).toThrow(/divisible by groups/);
  });
});
