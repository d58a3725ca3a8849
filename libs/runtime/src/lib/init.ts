// Seeded weight initialisers. The numbers come from Rng in JavaScript, not from tf.random*, so a
// seed gives bitwise the same initial weights on cpu, wasm and native TensorFlow.
import { tf } from './tf';
import { Rng } from './rng';

/** An Rng, or a seed to start one from. */
export type RandomSource = Rng | number;

export interface Fans {
  fanIn: number;
  fanOut: number;
}

/**
 * Fans of a weight in tfjs layout, the output channels last: dense [in, out], conv2d
 * [kh, kw, in, out], conv3d [kd, kh, kw, in, out]. Every leading axis is receptive field.
 * A rank-1 shape (a bias) has fanIn = fanOut = its length, as in Keras.
 */
export function computeFans(shape: readonly number[]): Fans {
  assertShape(shape, 'computeFans');
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
}

/** He et al. 2015, eq. 10: N(0, 2 / fanIn), for layers followed by ReLU. */
export function heNormal(shape: readonly number[], source: RandomSource): tf.Tensor {
  const std = Math.sqrt(2 / computeFans(shape).fanIn);
  const rng = toRng(source);
  return fill(shape, () => rng.normal(0, std));
}

/**
 * U(-b, b) with b = gain * sqrt(3 / fanIn), gain = sqrt(2 / (1 + a^2)) (PyTorch kaiming_uniform_).
 * a = 0 (default) is He uniform; PyTorch's default Conv/Linear init uses a = sqrt(5), b = 1/sqrt(fanIn).
 */
export function kaimingUniform(shape: readonly number[], source: RandomSource, options: { a?: number } = {}): tf.Tensor {
  const a = options.a ?? 0;
  const bound = Math.sqrt(2 / (1 + a * a)) * Math.sqrt(3 / computeFans(shape).fanIn);
  const rng = toRng(source);
  return fill(shape, () => rng.uniform(-bound, bound));
}

/** Glorot & Bengio 2010, eq. 16: U(-b, b) with b = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(shape: readonly number[], source: RandomSource): tf.Tensor {
  const { fanIn, fanOut } = computeFans(shape);
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  const rng = toRng(source);
  return fill(shape, () => rng.uniform(-bound, bound));
}

/** N(mean, std^2) with draws beyond two standard deviations redrawn, as tf.truncatedNormal. */
export function truncatedNormal(
  shape: readonly number[],
  source: RandomSource,
  options: { mean?: number; std?: number } = {},
): tf.Tensor {
  const { mean = 0, std = 1 } = options;
  const rng = toRng(source);
  return fill(shape, () => {
    for (;;) {
      const z = rng.normal();
      if (Math.abs(z) <= 2) return mean + std * z;
    }
  });
}

export function zeros(shape: readonly number[]): tf.Tensor {
  assertShape(shape, 'zeros');
  return tf.zeros([...shape], 'float32');
}

export function ones(shape: readonly number[]): tf.Tensor {
  assertShape(shape, 'ones');
  return tf.ones([...shape], 'float32');
}

function toRng(source: RandomSource): Rng {
  return source instanceof Rng ? source : new Rng(source);
}

function fill(shape: readonly number[], draw: () => number): tf.Tensor {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = draw();
  return tf.tensor(values, [...shape], 'float32');
}

function assertShape(shape: readonly number[], where: string): void {
  if (!shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new Error(`${where}: shape must be positive integers, got [${shape.join(', ')}]`);
  }
}
