// SSIM (Wang et al. 2004, eq. 13) per frame, averaged over frames: an 11x11 Gaussian window
// (sigma 1.5) with 'valid' filtering as the authors' reference code, C1 = (0.01 L)^2,
// C2 = (0.03 L)^2, L the data range (2 for videos in [-1, 1]). Channels are averaged.
import { tf } from '@lddm/runtime';
import { checkVideoPair } from './video-check';

export interface SsimOptions {
  /** L: max - min of the value range (default 2, for [-1, 1]). */
  dataRange?: number;
  windowSize?: number;
  sigma?: number;
}

/** The normalised 1-D Gaussian window, as an outer product it gives the 2-D one. */
export function gaussianWindow(size: number, sigma: number): Float32Array {
  const half = (size - 1) / 2;
  const g = Float32Array.from({ length: size }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * sigma * sigma)));
  const sum = g.reduce((a, b) => a + b, 0);
  return g.map((v) => v / sum);
}

/** Mean SSIM of each video pair over frames: a [N] array for per-video statistics. */
export function ssim(a: tf.Tensor5D, b: tf.Tensor5D, options: SsimOptions = {}): Float64Array {
  checkVideoPair('ssim', a, b);
  const { dataRange = 2, windowSize = 11, sigma = 1.5 } = options;
  const [n, t, h, w, c] = a.shape;
  if (h < windowSize || w < windowSize) throw new Error(`ssim: frames ${h}x${w} are smaller than the ${windowSize}x${windowSize} window`);
  const c1 = (0.01 * dataRange) ** 2;
  const c2 = (0.03 * dataRange) ** 2;
  const perFrame = tf.tidy(() => {
    const g = gaussianWindow(windowSize, sigma);
    // Separable filter, each channel on its own (depthwise).
    const rows = tf.tile(tf.tensor4d(g, [windowSize, 1, 1, 1]), [1, 1, c, 1]);
    const cols = tf.tile(tf.tensor4d(g, [1, windowSize, 1, 1]), [1, 1, c, 1]);
    const filter = (x: tf.Tensor4D): tf.Tensor4D => tf.depthwiseConv2d(tf.depthwiseConv2d(x, rows, 1, 'valid'), cols, 1, 'valid');
    const x = tf.reshape<tf.Rank.R4>(a, [n * t, h, w, c]);
    const y = tf.reshape<tf.Rank.R4>(b, [n * t, h, w, c]);
    const muX = filter(x);
    const muY = filter(y);
    const muXY = tf.mul(muX, muY);
    const muX2 = tf.square(muX);
    const muY2 = tf.square(muY);
    const sigmaX2 = tf.sub(filter(tf.square(x)), muX2);
    const sigmaY2 = tf.sub(filter(tf.square(y)), muY2);
    const sigmaXY = tf.sub(filter(tf.mul(x, y)), muXY);
    const numerator = tf.mul(tf.add(tf.mul(2, muXY), c1), tf.add(tf.mul(2, sigmaXY), c2));
    const denominator = tf.mul(tf.add(tf.add(muX2, muY2), c1), tf.add(tf.add(sigmaX2, sigmaY2), c2));
    return tf.mean(tf.reshape(tf.div(numerator, denominator), [n, t, -1]), 2);
  });
  const values = perFrame.dataSync() as Float32Array;
  perFrame.dispose();
  return Float64Array.from({ length: n }, (_, i) => values.subarray(i * t, (i + 1) * t).reduce((s, v) => s + v, 0) / t);
}
