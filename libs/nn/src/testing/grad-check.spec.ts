import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, expect, it } from 'vitest';
import { gradientErrors, randomVariable } from './grad-check';

beforeAll(async () => {
  await initBackend('wasm');
});

it('passes a correct gradient and catches a wrong one', () => {
  const x = randomVariable([3, 4], 1);
  const good = gradientErrors(() => tf.square(x), { x });
  expect(good['x']).toBeLessThan(1e-2);
  // d/dx x^2 reported as x instead of 2x.
  const halfGrad = tf.customGrad((...inputs: Array<tf.Tensor | ((save: tf.Tensor[]) => void)>) => {
    const a = inputs[0];
    if (!(a instanceof tf.Tensor)) throw new Error('expected a tensor');
    return { value: tf.square(a), gradFunc: (dy: tf.Tensor) => tf.mul(dy, a) };
  });
  const bad = gradientErrors(() => halfGrad(x), { x });
  expect(bad['x']).toBeGreaterThan(0.1);
});
