// Transformer-style timestep embedding (Vaswani et al. 2017, sec. 3.5) as DDPM denoisers use it
// (Ho et al. 2020, appendix B): for i < half = dim / 2,
//   emb[:, i] = sin(t * f_i), emb[:, half + i] = cos(t * f_i), f_i = maxPeriod^(-i / half),
// i.e. [sin, cos] as diffusers' get_timestep_embedding with its defaults. An odd dim gets one
// zero column at the end.
import { tf } from '@lddm/runtime';

export function sinusoidalEmbedding(t: tf.Tensor1D | readonly number[], dim: number, options: { maxPeriod?: number } = {}): tf.Tensor2D {
  if (!Number.isInteger(dim) || dim < 2) throw new Error(`sinusoidalEmbedding: dim must be an integer >= 2, got ${dim}`);
  const maxPeriod = options.maxPeriod ?? 10_000;
  const half = Math.floor(dim / 2);
  const freqs = Float32Array.from({ length: half }, (_, i) => Math.exp((-Math.log(maxPeriod) * i) / half));
  return tf.tidy(() => {
    const times = Array.isArray(t) ? tf.tensor1d([...t], 'float32') : tf.cast(t, 'float32');
    if (times.rank !== 1) throw new Error(`sinusoidalEmbedding: t must be 1-D [B], got shape [${times.shape.join(', ')}]`);
    const args = tf.mul<tf.Tensor2D>(tf.reshape<tf.Rank.R2>(times, [-1, 1]), tf.tensor2d(freqs, [1, half]));
    const parts: tf.Tensor2D[] = [tf.sin(args), tf.cos(args)];
    if (dim % 2 === 1) parts.push(tf.zeros([times.shape[0], 1]));
    return tf.concat2d(parts, 1);
  });
}
