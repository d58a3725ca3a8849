// The one contract every wasm replacement kernel is held to (used by kernels.spec.ts): an op's
// forward value and its gradients with respect to every float input, under a random upstream
// gradient, computed on the cpu backend and on wasm, compared by relative L2 error. Data moves
// between backends as plain arrays.
import { tf } from '../tf';

export interface InputSpec {
  shape: number[];
  dtype?: 'float32' | 'int32';
}

export interface KernelCase {
  name: string;
  inputs: InputSpec[];
  op: (...xs: tf.Tensor[]) => tf.Tensor;
  /** What cpu runs instead of `op`, where cpu lacks the case (e.g. matMul broadcasting). */
  reference?: (...xs: tf.Tensor[]) => tf.Tensor;
  /** false where tfjs has no gradient for the case on any backend. */
  gradients?: boolean;
}

export interface CaseResult {
  /** Relative L2 error of the forward value, then of each float input's gradient. */
  errors: { what: string; error: number }[];
}

/** Deterministic uniform(-1, 1) values (mulberry32). */
export function randomValues(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function relativeL2(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let num = 0;
  let den = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = actual[i] - expected[i];
    num += d * d;
    den += expected[i] * expected[i];
  }
  if (!Number.isFinite(num)) return Infinity;
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

interface Run {
  value: Float32Array | Int32Array | Uint8Array;
  shape: number[];
  grads: (Float32Array | Int32Array | Uint8Array)[];
}

function inputValues(c: KernelCase): (Float32Array | Int32Array)[] {
  return c.inputs.map((spec, i) => {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const v = randomValues(n, 1000 + 17 * i);
    return spec.dtype === 'int32' ? Int32Array.from(v, (x) => Math.round(x * 100)) : v;
  });
}

async function runOn(
  backend: string, c: KernelCase, op: KernelCase['op'], values: (Float32Array | Int32Array)[], dySeed: number,
): Promise<Run> {
  await tf.setBackend(backend);
  const xs = c.inputs.map((spec, i) => tf.tensor(values[i], spec.shape, spec.dtype ?? 'float32'));
  const floatIdx =
    c.gradients === false ? [] : c.inputs.flatMap((spec, i) => ((spec.dtype ?? 'float32') === 'float32' ? [i] : []));
  try {
    const y = op(...xs);
    const run: Run = { value: y.dataSync(), shape: y.shape, grads: [] };
    y.dispose();
    if (floatIdx.length > 0 && run.value instanceof Float32Array) {
      const dy = tf.tensor(randomValues(run.value.length, dySeed), run.shape);
      const f = (...fx: tf.Tensor[]) => op(...xs.map((x, i) => (floatIdx.includes(i) ? fx[floatIdx.indexOf(i)] : x)));
      const { value, grads } = tf.valueAndGrads(f)(floatIdx.map((i) => xs[i]), dy);
      run.grads = grads.map((g) => g.dataSync());
      tf.dispose([value, dy, ...grads]);
    }
    return run;
  } finally {
    tf.dispose(xs);
  }
}

/** Runs `c` on cpu and on wasm and reports the relative L2 error of value and gradients. */
export async function compareWithCpu(c: KernelCase): Promise<CaseResult> {
  const values = inputValues(c);
  const expected = await runOn('cpu', c, c.reference ?? c.op, values, 7);
  const actual = await runOn('wasm', c, c.op, values, 7);
  const errors = [{ what: 'value', error: actual.shape.join() === expected.shape.join() ? relativeL2(actual.value, expected.value) : Infinity }];
  expected.grads.forEach((g, i) => errors.push({ what: `grad ${i}`, error: relativeL2(actual.grads[i] ?? [], g) }));
  return { errors };
}
