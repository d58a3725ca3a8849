// A documented stand-in for LPIPS while no pretrained VGG16 is available: the mean L1 distance
// between finite-difference image gradients (dx, dy) of the two frames, at 3 scales with 2x2
// average pooling between them. Like LPIPS it compares local structure (edges, texture) rather
// than raw intensity, and it is differentiable; it is NOT LPIPS and results using it say so (id).
// Scales whose image is smaller than 2x2 are skipped (tiny test inputs), and the mean is over the
// terms computed.
import { tf } from '@lddm/runtime';
import type { PerceptualDistance } from './perceptual-distance';

export const MULTISCALE_GRADIENT_SCALES = 3;

/** Horizontal and vertical forward differences of [N, H, W, C]. */
function gradients(x: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  const [n, h, w, c] = x.shape;
  const dx = tf.sub<tf.Tensor4D>(tf.slice(x, [0, 0, 1, 0], [n, h, w - 1, c]), tf.slice(x, [0, 0, 0, 0], [n, h, w - 1, c]));
  const dy = tf.sub<tf.Tensor4D>(tf.slice(x, [0, 1, 0, 0], [n, h - 1, w, c]), tf.slice(x, [0, 0, 0, 0], [n, h - 1, w, c]));
  return [dx, dy];
}

function distance(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
  if (a.rank !== 4 || a.shape.join() !== b.shape.join()) {
    throw new Error(`multiScaleGradientDistance: expected two [N, H, W, C] batches of one shape, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const terms: tf.Scalar[] = [];
    let x = a;
    let y = b;
    for (let s = 0; s < MULTISCALE_GRADIENT_SCALES; s++) {
      const [, h, w] = x.shape;
      if (h < 2 || w < 2) break;
      const [ax, ay] = gradients(x);
      const [bx, by] = gradients(y);
      terms.push(tf.mean(tf.abs(tf.sub(ax, bx))), tf.mean(tf.abs(tf.sub(ay, by))));
      if (s + 1 < MULTISCALE_GRADIENT_SCALES) {
        x = tf.avgPool(x, 2, 2, 'valid');
        y = tf.avgPool(y, 2, 2, 'valid');
      }
    }
    if (terms.length === 0) throw new Error(`multiScaleGradientDistance: frames [${a.shape.join(', ')}] are smaller than 2x2`);
    return tf.div<tf.Scalar>(tf.addN(terms), terms.length);
  });
}

export const multiScaleGradientDistance: PerceptualDistance = Object.freeze({
  id: 'stand-in:multiscale-gradient-l1',
  description:
    'Stand-in for LPIPS-VGG (no pretrained VGG16 available): mean L1 between finite-difference image gradients (dx, dy) at 3 scales, 2x2 average pooling between scales.',
  distance,
});
