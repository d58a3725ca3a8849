// Standard normal noise drawn from our seeded Rng in plain JavaScript, so that a seed gives the
// same eps, bit for bit, on every backend (tf.randomNormal's stream is tfjs's own).
import { tf, type Rng } from '@lddm/runtime';

/** A float32 tensor of i.i.d. N(0, 1) draws from `rng`. */
export function standardNormal(shape: readonly number[], rng: Rng): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`standardNormal: shape must hold non-negative integers, got [${shape.join(', ')}]`);
  }
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.normal();
  return tf.tensor(values, [...shape], 'float32');
}
