// PSNR per frame, 10 log10(L^2 / MSE), averaged over frames; L = 2 for videos in [-1, 1].
// Identical frames have infinite PSNR; it is capped at `maxDb` (default 100 dB) so that an
// average over frames stays finite and comparable.
import { tf } from '@lddm/runtime';
import { checkVideoPair } from './video-check';

export interface PsnrOptions {
  dataRange?: number;
  maxDb?: number;
}

/** Mean per-frame PSNR of each video pair: a [N] array. */
export function psnr(a: tf.Tensor5D, b: tf.Tensor5D, options: PsnrOptions = {}): Float64Array {
  checkVideoPair('psnr', a, b);
  const { dataRange = 2, maxDb = 100 } = options;
  const [n, t] = a.shape;
  const mse = tf.tidy(() => tf.mean(tf.reshape(tf.squaredDifference(a, b), [n, t, -1]), 2));
  const values = mse.dataSync();
  mse.dispose();
  return Float64Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (let f = 0; f < t; f++) {
      const m = values[i * t + f];
      sum += m > 0 ? Math.min(maxDb, 10 * Math.log10((dataRange * dataRange) / m)) : maxDb;
    }
    return sum / t;
  });
}
