import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomTensor } from '../testing/grad-check';
import { AvgPool2d, AvgPool3d, MaxPool2d, MaxPool3d } from './pool';

/** Arguments as an untyped (JavaScript) caller passes them. */
const untyped = (...args: unknown[]): unknown[] => args;

beforeAll(async () => {
  await initBackend('wasm');
});

const x5 = (): tf.Tensor5D => randomTensor([2, 8, 9, 7, 3], 1).as5D(2, 8, 9, 7, 3);

describe('pools', () => {
  it.each([
    { kernel: 2, stride: undefined, padding: undefined, out: [2, 4, 4, 3, 3] },
    { kernel: [1, 2, 2] as const, stride: undefined, padding: undefined, out: [2, 8, 4, 3, 3] },
    { kernel: 3, stride: 2, padding: 'same' as const, out: [2, 4, 5, 4, 3] },
    // C3D's pool5: kernel 2, stride 2, padding (0, 1, 1).
    { kernel: 2, stride: 2, padding: [0, 1, 1] as const, out: [2, 4, 5, 4, 3] },
  ])('3D kernel $kernel stride $stride padding $padding -> $out', ({ kernel, stride, padding, out }) => {
    expect(new MaxPool3d({ kernel, stride, padding }).apply(x5()).shape).toEqual(out);
    expect(new AvgPool3d({ kernel, stride, padding }).apply(x5()).shape).toEqual(out);
  });

  it('2D shapes; max padding never wins, average padding counts as zero', () => {
    const x = tf.fill([1, 2, 2, 1], -5).as4D(1, 2, 2, 1);
    const max = new MaxPool2d({ kernel: 2, stride: 1, padding: 1 }).apply(x);
    expect(max.shape).toEqual([1, 3, 3, 1]);
    expect(Array.from(max.dataSync())).toEqual(Array.from({ length: 9 }, () => -5));
    const avg = new AvgPool2d({ kernel: 2, stride: 2, padding: 1 }).apply(x);
    expect(Array.from(avg.dataSync())).toEqual([-1.25, -1.25, -1.25, -1.25]);
  });

  it('reject a wrong rank, naming the layer', () => {
    expect(() => Reflect.apply(MaxPool3d.prototype.apply, new MaxPool3d({ kernel: 2 }), untyped(tf.zeros([1, 2, 2, 1])))).toThrow(/MaxPool3d: expected a rank-5 input/);
  });
});
