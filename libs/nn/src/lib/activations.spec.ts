import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, expect, it } from 'vitest';
import { Activation, gelu, leakyRelu, relu, silu, tanh } from './activations';

beforeAll(async () => {
  await initBackend('wasm');
});

const xs = [-3, -1, -0.5, 0, 0.5, 1, 3];
const erf = (x: number): number => {
  // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return Math.sign(x) * y;
};

it.each([
  ['relu', relu, (x: number) => Math.max(0, x)],
  ['leakyRelu(0.2)', (t: tf.Tensor) => leakyRelu(t, 0.2), (x: number) => (x > 0 ? x : 0.2 * x)],
  ['tanh', tanh, Math.tanh],
  ['silu', silu, (x: number) => x / (1 + Math.exp(-x))],
  ['gelu', gelu, (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2))],
])('%s matches its formula', (_name, fn, reference) => {
  const y = Array.from(fn(tf.tensor1d(xs)).dataSync());
  y.forEach((v, i) => expect(v).toBeCloseTo(reference(xs[i]), 5));
});

it('Activation wraps a function as a parameter-free module', () => {
  const act = new Activation(relu);
  expect(act.parameterCount()).toBe(0);
  expect(Array.from(act.apply(tf.tensor1d([-1, 2])).dataSync())).toEqual([0, 2]);
});
