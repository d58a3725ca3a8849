// Test support: analytic gradients (tf.variableGrads) against central finite differences of
// L = sum(forward() * R) for a fixed random projection R, at a few random entries per variable.
import { Rng, tf } from '@lddm/runtime';

export interface GradCheckOptions {
  seed?: number;
  /** Entries checked per variable. */
  probes?: number;
  /** Finite-difference step. */
  eps?: number;
}

/** Per variable name: the worst |analytic - numeric| / (|analytic| + |numeric| + floor), floor = 1e-2 * rms(analytic). */
export function gradientErrors(forward: () => tf.Tensor, variables: Record<string, tf.Variable>, options: GradCheckOptions = {}): Record<string, number> {
  const rng = new Rng(options.seed ?? 1);
  const probes = options.probes ?? 6;
  const eps = options.eps ?? 5e-3;
  const projection = tf.tidy(() => {
    const shape = forward().shape;
    return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
  });
  const loss = (): tf.Scalar => tf.tidy(() => tf.sum(tf.mul(forward(), projection)));
  const lossValue = (): number => tf.tidy(() => loss().dataSync()[0]);
  const names = Object.keys(variables);
  const { value, grads } = tf.variableGrads(loss, names.map((n) => variables[n]));
  value.dispose();
  const errors: Record<string, number> = {};
  for (const name of names) {
    const v = variables[name];
    const grad = grads[v.name];
    if (grad === undefined) throw new Error(`no gradient for ${name}`);
    const analytic = Float64Array.from(grad.dataSync());
    const rms = Math.sqrt(analytic.reduce((s, g) => s + g * g, 0) / analytic.length);
    const original = v.dataSync().slice();
    let worst = 0;
    for (let p = 0; p < probes; p++) {
      const i = rng.int(original.length);
      const at = (delta: number): number => {
        const values = original.slice();
        values[i] += delta;
        tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
        return lossValue();
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      worst = Math.max(worst, Math.abs(analytic[i] - numeric) / (Math.abs(analytic[i]) + Math.abs(numeric) + 1e-2 * rms));
    }
    tf.tidy(() => v.assign(tf.tensor(original, v.shape)));
    errors[name] = worst;
  }
  tf.dispose([projection, ...Object.values(grads)]);
  return errors;
}

/** A variable holding N(0, 1) draws, for inputs to check gradients against. */
export function randomVariable(shape: number[], seed: number): tf.Variable {
  const rng = new Rng(seed);
  const t = tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
  const v = tf.variable(t);
  t.dispose();
  return v;
}

export function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = new Rng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
}
