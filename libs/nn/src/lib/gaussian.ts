// Gaussians of the latent models: standard normal noise drawn from our seeded Rng in plain
// JavaScript (so that a seed gives the same eps, bit for bit, on every backend; tf.randomNormal's
// stream is tfjs's own), the reparameterised sample of a diagonal Gaussian posterior and its KL
// to N(0, I) (Kingma & Welling 2014), shared by LDDM's stage 1 and the cINN's condition VAE.
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

/** z = mu + eps * exp(0.5 logvar), eps ~ N(0, I) from `rng`; differentiable in mu and logvar. */
export function sampleLatent(mu: tf.Tensor, logvar: tf.Tensor, rng: Rng): tf.Tensor {
  if (mu.shape.join() !== logvar.shape.join()) throw new Error(`sampleLatent: mu [${mu.shape.join(', ')}] and logvar [${logvar.shape.join(', ')}] differ`);
  return tf.tidy(() => tf.add(mu, tf.mul(standardNormal(mu.shape, rng), tf.exp(tf.mul(logvar, 0.5)))));
}

/** KL(N(mu, exp(logvar)) || N(0, I)) = 0.5 * sum(mu^2 + exp(logvar) - 1 - logvar), summed per sample, mean over the batch. */
export function klDivergence(mu: tf.Tensor, logvar: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const terms = tf.sub(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), 1), logvar);
    const batch = mu.shape[0] ?? 1;
    return tf.div<tf.Scalar>(tf.mul(tf.sum(terms), 0.5), batch);
  });
}
