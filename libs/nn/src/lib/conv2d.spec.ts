import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientErrors, randomTensor, randomVariable } from '../testing/grad-check';
import { Conv2d } from './conv2d';

beforeAll(async () => {
  await initBackend('wasm');
});

const input = (shape: [number, number, number, number], seed = 7): tf.Tensor4D => tf.reshape<tf.Rank.R4>(randomTensor(shape, seed), shape);

describe('Conv2d', () => {
  it.each([
    { kernel: 3, stride: 1, padding: 'same' as const, out: [2, 9, 7, 4] },
    { kernel: 3, stride: 2, padding: 'same' as const, out: [2, 5, 4, 4] },
    { kernel: 3, stride: 1, padding: 'valid' as const, out: [2, 7, 5, 4] },
    { kernel: 3, stride: 2, padding: 1, out: [2, 5, 4, 4] },
    { kernel: [7, 5] as const, stride: [2, 1] as const, padding: [3, 2] as const, out: [2, 5, 7, 4] },
    { kernel: 1, stride: 2, padding: 0, out: [2, 5, 4, 4] },
  ])('kernel $kernel stride $stride padding $padding -> $out', ({ kernel, stride, padding, out }) => {
    const conv = new Conv2d(1, { inChannels: 3, outChannels: 4, kernel, stride, padding });
    expect(conv.apply(input([2, 9, 7, 3])).shape).toEqual(out);
  });

  it('explicit padding k // 2 equals "same" at stride 1, and pads with zeros', () => {
    const a = new Conv2d(1, { inChannels: 3, outChannels: 4, kernel: 3, padding: 1 });
    const b = new Conv2d(1, { inChannels: 3, outChannels: 4, kernel: 3, padding: 'same' });
    const x = input([1, 6, 5, 3]);
    expect(tf.max(tf.abs(tf.sub(a.apply(x), b.apply(x)))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('rejects a wrong rank or channel count, naming the layer', () => {
    const conv = new Conv2d(1, { inChannels: 3, outChannels: 4, kernel: 3 });
    expect(() => conv.apply(input([1, 6, 5, 2]))).toThrow(/Conv2d: expected 3 channels/);
    expect(() => new Conv2d(1, { inChannels: 0, outChannels: 4, kernel: 3 })).toThrow(/inChannels/);
  });

  it.each([
    { stride: 1, padding: 'same' as const },
    { stride: 2, padding: 1 },
  ])('has gradients equal to finite differences (stride $stride, padding $padding)', ({ stride, padding }) => {
    const conv = new Conv2d(3, { inChannels: 2, outChannels: 3, kernel: 3, stride, padding });
    const bias = conv.bias;
    if (bias === undefined) throw new Error('expected a bias');
    bias.assign(randomTensor([3], 4));
    const x = randomVariable([2, 5, 6, 2], 5);
    const errors = gradientErrors(() => conv.apply(tf.reshape<tf.Rank.R4>(x, [2, 5, 6, 2])), { x, weight: conv.weight, bias });
    for (const e of Object.values(errors)) expect(e).toBeLessThan(1e-2);
  });
});
