// The wasm backend runs replacement kernels for conv gradients, slices and pools (RUNTIME.md);
// here a small network's output and gradients on wasm are checked against the cpu backend.
import { initBackend, tf } from '@lddm/runtime';
import { expect, it } from 'vitest';
import { randomVariable } from '../testing/grad-check';
import { Conv3d } from './conv3d';
import { GroupNorm } from './group-norm';
import { MaxPool3d } from './pool';
import { Upsample } from './upsample';

function run(): { y: Float32Array; grads: Float32Array[] } {
  const conv = new Conv3d(1, { inChannels: 2, outChannels: 4, kernel: 3, stride: [1, 2, 2], padding: 1 });
  const norm = new GroupNorm({ channels: 4, groups: 2 });
  const pool = new MaxPool3d({ kernel: [1, 2, 2] });
  const up = new Upsample([2, 2, 2]);
  const x = randomVariable([1, 4, 8, 8, 2], 3);
  const forward = () => tf.tidy(() => tf.sum<tf.Scalar>(tf.square(up.apply(pool.apply(tf.relu(norm.apply(conv.apply(tf.reshape<tf.Rank.R5>(x, [1, 4, 8, 8, 2])))))))));
  const vars = [x, conv.weight, ...norm.parameters()];
  const { value, grads } = tf.variableGrads(forward, vars);
  const out = { y: Float32Array.from(value.dataSync()), grads: vars.map((v) => Float32Array.from(grads[v.name].dataSync())) };
  tf.dispose([value, ...Object.values(grads), x]);
  conv.dispose();
  norm.dispose();
  return out;
}

const relErr = (a: Float32Array, b: Float32Array): number => {
  let num = 0;
  let den = 0;
  a.forEach((v, i) => {
    num += (v - b[i]) ** 2;
    den += b[i] ** 2;
  });
  return Math.sqrt(num / Math.max(den, 1e-30));
};

it('gives the same loss and gradients on wasm and cpu', async () => {
  await initBackend('wasm');
  const wasm = run();
  await initBackend('cpu');
  const cpu = run();
  expect(relErr(wasm.y, cpu.y)).toBeLessThan(1e-5);
  wasm.grads.forEach((g, i) => expect(relErr(g, cpu.grads[i])).toBeLessThan(1e-4));
});
