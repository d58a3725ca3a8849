// Resizing of channels-last images [N, H, W, C] to a given (H', W'), with PyTorch's
// F.interpolate conventions: 'nearest' takes source pixel floor(dst * in / out) (mode='nearest'),
// 'bilinear' samples at half-pixel centres (align_corners=False, no antialiasing). SPADE resizes
// its conditioning image x0 to every feature resolution this way (Park et al. 2019).
// Written as two small interpolation matrices, out = R_h x R_w^T per image and channel, rather than
// tf.image.resize*: their gradients are plain matMuls, exact on every backend (tfjs'
// ResizeBilinearGrad ignores halfPixelCenters, so its gradient is wrong for these conventions).
import { tf } from '@lddm/runtime';
import { checkInput, checkPositiveInt } from './checks';

export type ResizeMode = 'nearest' | 'bilinear';

/** The [out, in] matrix mapping a length-`n` axis to length `m`. */
export function interpolationMatrix(n: number, m: number, mode: ResizeMode): tf.Tensor2D {
  const values = new Float32Array(m * n);
  const scale = n / m;
  for (let i = 0; i < m; i++) {
    if (mode === 'nearest') {
      values[i * n + Math.min(Math.floor(i * scale), n - 1)] = 1;
      continue;
    }
    // Half-pixel centre of output i in input coordinates, clamped at the border as PyTorch does.
    const src = Math.max((i + 0.5) * scale - 0.5, 0);
    const lo = Math.min(Math.floor(src), n - 1);
    const hi = Math.min(lo + 1, n - 1);
    const frac = src - lo;
    values[i * n + lo] += 1 - frac;
    values[i * n + hi] += frac;
  }
  return tf.tensor2d(values, [m, n]);
}

export function resize2d(x: tf.Tensor4D, size: readonly [number, number], mode: ResizeMode = 'bilinear'): tf.Tensor4D {
  checkInput('resize2d', x, 4, '[N, H, W, C]');
  checkPositiveInt('resize2d', 'height', size[0]);
  checkPositiveInt('resize2d', 'width', size[1]);
  const [n, h, w, c] = x.shape;
  const [oh, ow] = size;
  if (h === oh && w === ow) return tf.clone(x);
  return tf.tidy(() => {
    // Height: [H, N*W*C] rows mixed by R_h [H', H].
    const rows = tf.reshape<tf.Rank.R2>(tf.transpose(x, [1, 0, 2, 3]), [h, n * w * c]);
    const mixedRows = tf.reshape(tf.matMul(interpolationMatrix(h, oh, mode), rows), [oh, n, w, c]);
    // Width: [W, H'*N*C] mixed by R_w [W', W].
    const cols = tf.reshape<tf.Rank.R2>(tf.transpose(mixedRows, [2, 0, 1, 3]), [w, oh * n * c]);
    const mixed = tf.matMul(interpolationMatrix(w, ow, mode), cols);
    return tf.transpose(tf.reshape<tf.Rank.R4>(mixed, [ow, oh, n, c]), [2, 1, 0, 3]);
  });
}
