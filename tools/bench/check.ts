// A small-shape correctness check for a timed op: its value and gradients on the current
// backend against the cpu backend, as the largest relative L2 error. The benchmark times stock
// kernels that are known to be wrong (wasm Conv3DBackpropInputV2) and marks them with this.
import { tf } from '@lddm/runtime';

export function relativeL2(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < expected.length; i++) {
    num += (actual[i] - expected[i]) ** 2;
    den += expected[i] ** 2;
  }
  return actual.length === expected.length && Number.isFinite(num) ? Math.sqrt(num / Math.max(den, 1e-30)) : Infinity;
}

async function outputs(backend: string, f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, shapes: [number[], number[]], withGrads: boolean) {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  const [a, b] = shapes.map((s, i) => tf.randomUniform(s, -1, 1, 'float32', 11 + i));
  const y = f(a, b);
  const dy = tf.randomUniform(y.shape, -1, 1, 'float32', 13);
  const result = [y.dataSync()];
  if (withGrads) {
    const grads = tf.grads(f)([a, b], dy);
    result.push(...grads.map((g) => g.dataSync()));
    tf.dispose(grads);
  }
  tf.dispose([a, b, y, dy]);
  await tf.setBackend(previous);
  return result;
}

/** Largest relative L2 error of value (and gradients) against cpu. */
export async function errorAgainstCpu(
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, shapes: [number[], number[]], withGrads: boolean,
): Promise<number> {
  const backend = tf.getBackend();
  const actual = await outputs(backend, f, shapes, withGrads);
  const expected = await outputs('cpu', f, shapes, withGrads);
  return Math.max(...expected.map((e, i) => relativeL2(actual[i], e)));
}
