import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, expect, it } from 'vitest';
import { randomTensor } from '../testing/grad-check';
import { gradientStep } from './gradient-step';
import { Linear } from './linear';
import { Sequential } from './sequential';
import { Activation, relu } from './activations';

beforeAll(async () => {
  await initBackend('wasm');
});

it('lowers the loss of a tiny regression, leaks no tensors and leaves frozen parameters alone', () => {
  const net = new Sequential<tf.Tensor2D>(1, [
    (rng) => new Linear(rng, { inFeatures: 3, outFeatures: 8 }),
    () => new Activation(relu),
    (rng) => new Linear(rng, { inFeatures: 8, outFeatures: 1 }),
  ]);
  const frozen = net.at(0).parameters()[0];
  frozen.trainable = false;
  const frozenBefore = Array.from(frozen.dataSync());
  const x = randomTensor([16, 3], 2).as2D(16, 3);
  const y = tf.sum(x, 1, true).as2D(16, 1);
  const optimizer = tf.train.adam(0.05);
  const loss = () => tf.mean<tf.Scalar>(tf.squaredDifference(net.apply(x), y));
  const first = gradientStep(net, loss, optimizer); // creates Adam's slots
  const before = tf.memory().numTensors;
  let last = first;
  for (let i = 0; i < 40; i++) last = gradientStep(net, loss, optimizer);
  expect(tf.memory().numTensors).toBe(before);
  expect(last).toBeLessThan(first / 2);
  expect(Array.from(frozen.dataSync())).toEqual(frozenBefore);
});

it('refuses a module with nothing to train', () => {
  const net = new Linear(1, { inFeatures: 2, outFeatures: 1 }).setTrainable(false);
  expect(() => gradientStep(net, () => tf.scalar(0), tf.train.sgd(0.1))).toThrow(/no trainable parameters/);
});
