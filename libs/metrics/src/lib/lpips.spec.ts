import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { Lpips } from './lpips';
import { Vgg16 } from './vgg16';

function frames(n: number, size: number, seed: number): tf.Tensor4D {
  const rng = new Rng(seed);
  return tf.tensor4d(Float32Array.from({ length: n * size * size }, () => rng.uniform(-1, 1)), [n, size, size, 1]);
}

function withNoise(x: tf.Tensor4D, std: number, seed: number): tf.Tensor4D {
  const rng = new Rng(seed);
  return tf.clipByValue(tf.add(x, tf.tensor(Float32Array.from({ length: x.size }, () => rng.normal(0, std)), x.shape)), -1, 1) as tf.Tensor4D;
}

describe('Vgg16', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('has the published trunk size (14,714,688 parameters) and torchvision names', () => {
    const vgg = new Vgg16(1);
    expect(vgg.parameterCount()).toBe(14_714_688);
    expect(Object.keys(vgg.stateDict())).toContain('features.28.weight');
    expect(vgg.stateDict()['features.0.weight'].shape).toEqual([3, 3, 3, 64]);
    expect(vgg.tapChannels).toEqual([64, 128, 256, 512, 512]);
    vgg.dispose();
  });

  it('taps relu1_2 .. relu5_3 at strides 1, 2, 4, 8, 16', () => {
    const vgg = new Vgg16(2, { width: 1 / 8 });
    const taps = vgg.taps(frames(2, 32, 3));
    expect(taps.map((t) => t.shape)).toEqual([[2, 32, 32, 8], [2, 16, 16, 16], [2, 8, 8, 32], [2, 4, 4, 64], [2, 2, 2, 64]]);
    expect(taps.every((t) => t.min().dataSync()[0] >= 0)).toBe(true);
    tf.dispose(taps);
    vgg.dispose();
  });
});

describe('Lpips', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('is 0 for an image with itself and grows with added noise', () => {
    const lpips = new Lpips(4, { width: 1 / 8 });
    const x = frames(2, 32, 5);
    expect([...lpips.distance(x, x).dataSync()].every((v) => Math.abs(v) < 1e-6)).toBe(true);
    const small = lpips.distance(x, withNoise(x, 0.05, 6)).dataSync();
    const large = lpips.distance(x, withNoise(x, 0.4, 7)).dataSync();
    for (let i = 0; i < 2; i++) {
      expect(small[i]).toBeGreaterThan(0);
      expect(large[i]).toBeGreaterThan(small[i]);
    }
    lpips.dispose();
  });

  it('is symmetric, averages over frames for videos, and gives a finite gradient as a loss', () => {
    const lpips = new Lpips(8, { width: 1 / 8 });
    const a = frames(4, 32, 9);
    const b = frames(4, 32, 10);
    const ab = lpips.distance(a, b).dataSync();
    const ba = lpips.distance(b, a).dataSync();
    for (let i = 0; i < 4; i++) expect(ab[i]).toBeCloseTo(ba[i], 5);
    const video = lpips.videoDistance(a.reshape([2, 2, 32, 32, 1]) as tf.Tensor5D, b.reshape([2, 2, 32, 32, 1]) as tf.Tensor5D, 3);
    expect(video[0]).toBeCloseTo((ab[0] + ab[1]) / 2, 5);
    expect(video[1]).toBeCloseTo((ab[2] + ab[3]) / 2, 5);
    const grad = tf.grad((x: tf.Tensor) => lpips.loss(x as tf.Tensor4D, b))(a);
    const g = grad.dataSync();
    expect(g.every(Number.isFinite)).toBe(true);
    expect(g.some((v) => v !== 0)).toBe(true);
    lpips.dispose();
  });
});
