import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, expect, it } from 'vitest';
import { randomTensor } from '../testing/grad-check';
import { Activation, leakyRelu } from './activations';
import { Conv2d } from './conv2d';
import { GroupNorm } from './group-norm';
import { Sequential } from './sequential';
import { Upsample } from './upsample';

beforeAll(async () => {
  await initBackend('wasm');
});

const build = (seed: number) =>
  new Sequential<tf.Tensor4D>(seed, [
    (rng) => new Conv2d(rng, { inChannels: 2, outChannels: 4, kernel: 3, padding: 1 }),
    () => new GroupNorm({ channels: 4, groups: 2 }),
    () => new Activation((x) => leakyRelu(x, 0.2)),
    () => new Upsample(2),
    (rng) => new Conv2d(rng, { inChannels: 4, outChannels: 1, kernel: 1 }),
  ]);

it('chains its steps, names them by index and seeds each from its own stream', () => {
  const seq = build(1);
  expect(seq.length).toBe(5);
  expect(seq.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '1.gamma', '1.beta', '4.weight', '4.bias']);
  expect(seq.apply(randomTensor([2, 3, 5, 2], 1).as4D(2, 3, 5, 2)).shape).toEqual([2, 6, 10, 1]);
  expect(Array.from(build(1).at(0).parameters()[0].dataSync())).toEqual(Array.from(seq.at(0).parameters()[0].dataSync()));
  expect(() => seq.at(5)).toThrow(/Sequential: no step 5/);
});

it('frees its intermediates', () => {
  const seq = build(2);
  const x = randomTensor([1, 3, 3, 2], 1).as4D(1, 3, 3, 2);
  const before = tf.memory().numTensors;
  seq.apply(x).dispose();
  expect(tf.memory().numTensors).toBe(before);
});
