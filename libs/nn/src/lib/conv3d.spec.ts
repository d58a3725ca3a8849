import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientErrors, randomTensor, randomVariable } from '../testing/grad-check';
import { Conv3d } from './conv3d';

/** Arguments as an untyped (JavaScript) caller passes them. */
const untyped = (...args: unknown[]): unknown[] => args;

beforeAll(async () => {
  await initBackend('wasm');
});

type Shape5 = [number, number, number, number, number];
const input = (shape: Shape5, seed = 7): tf.Tensor5D => tf.reshape<tf.Rank.R5>(randomTensor(shape, seed), shape);

describe('Conv3d', () => {
  it.each([
    { kernel: 3, stride: 1, padding: 'same' as const, out: [2, 5, 9, 7, 4] },
    { kernel: 3, stride: 2, padding: 'same' as const, out: [2, 3, 5, 4, 4] },
    { kernel: 3, stride: 1, padding: 'valid' as const, out: [2, 3, 7, 5, 4] },
    { kernel: 3, stride: [1, 2, 2] as const, padding: 1, out: [2, 5, 5, 4, 4] },
    // The 3D ResNet stem: k (3, 7, 7), stride 2, pad (1, 3, 3).
    { kernel: [3, 7, 7] as const, stride: 2, padding: [1, 3, 3] as const, out: [2, 3, 5, 4, 4] },
    { kernel: 1, stride: [2, 1, 1] as const, padding: 0, out: [2, 3, 9, 7, 4] },
  ])('kernel $kernel stride $stride padding $padding -> $out', ({ kernel, stride, padding, out }) => {
    const conv = new Conv3d(1, { inChannels: 3, outChannels: 4, kernel, stride, padding });
    expect(conv.apply(input([2, 5, 9, 7, 3])).shape).toEqual(out);
  });

  it('explicit padding k // 2 equals "same" at stride 1', () => {
    const a = new Conv3d(1, { inChannels: 2, outChannels: 3, kernel: 3, padding: 1 });
    const b = new Conv3d(1, { inChannels: 2, outChannels: 3, kernel: 3, padding: 'same' });
    const x = input([1, 4, 5, 3, 2]);
    expect(tf.max(tf.abs(tf.sub(a.apply(x), b.apply(x)))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('rejects a wrong rank or channel count, naming the layer', () => {
    const conv = new Conv3d(1, { inChannels: 3, outChannels: 4, kernel: 3 });
    expect(() => conv.apply(input([1, 4, 6, 5, 2]))).toThrow(/Conv3d: expected 3 channels/);
    expect(() => Reflect.apply(conv.apply, conv, untyped(tf.zeros([1, 6, 5, 3])))).toThrow(/Conv3d: expected a rank-5 input/);
  });

  it.each([
    { stride: 1, padding: 'same' as const },
    { stride: 2, padding: 1 },
  ])('has gradients equal to finite differences (stride $stride, padding $padding)', ({ stride, padding }) => {
    const conv = new Conv3d(3, { inChannels: 2, outChannels: 3, kernel: 3, stride, padding });
    const bias = conv.bias;
    if (bias === undefined) throw new Error('expected a bias');
    bias.assign(randomTensor([3], 4));
    const shape: Shape5 = [1, 4, 5, 4, 2];
    const x = randomVariable(shape, 5);
    const errors = gradientErrors(() => conv.apply(tf.reshape<tf.Rank.R5>(x, shape)), { x, weight: conv.weight, bias });
    for (const e of Object.values(errors)) expect(e).toBeLessThan(1e-2);
  });
});
