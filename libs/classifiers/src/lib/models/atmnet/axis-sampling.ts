// The deformable 1x1 sampling of the Active Token Mixer (Wei et al. CVPR 2023, eq. 3-4; reference
// ATMOp = torchvision deform_conv2d with kernel 1 and one offset group per channel): channel c of
// the token at (h, w) reads x[h, w + dw_c(h, w), c] (the w branch; the h branch moves along h),
// linearly interpolated, zero outside the map, as deform_conv2d's bilinear sampling does when the
// offset has one non-zero component.
// Written as the tent kernel max(0, 1 - |w + dw - w'|) summed over the W source positions w', so
// that only elementwise ops carry the gradient to x and to the offsets (gather's gradient needs a
// scatter kernel the wasm backend lacks). Cost O(B H W^2 C), fine at the sizes a CPU trains.
import { tf } from '@lddm/runtime';

/** x, offsets [B, H, W, C] -> x sampled at w + offsets (axis 'w') or h + offsets (axis 'h'). */
export function sampleAlongAxis(x: tf.Tensor4D, offsets: tf.Tensor4D, axis: 'h' | 'w'): tf.Tensor4D {
  if (x.rank !== 4 || offsets.shape.join() !== x.shape.join()) {
    throw new Error(`sampleAlongAxis: x [${x.shape.join(', ')}] and offsets [${offsets.shape.join(', ')}] must both be [B, H, W, C]`);
  }
  if (axis === 'h') {
    return tf.tidy(() => {
      const swap = [0, 2, 1, 3];
      return tf.transpose(sampleAlongW(tf.transpose(x, swap), tf.transpose(offsets, swap)), swap);
    });
  }
  return sampleAlongW(x, offsets);
}

function sampleAlongW(x: tf.Tensor4D, offsets: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  return tf.tidy(() => {
    const target = tf.add(tf.reshape(tf.range(0, w, 1, 'float32'), [1, 1, w, 1]), offsets); // [B, H, W, C]
    const source = tf.reshape(tf.range(0, w, 1, 'float32'), [1, 1, 1, w, 1]); // w'
    const weights = tf.relu(tf.sub(1, tf.abs(tf.sub(tf.reshape(target, [b, h, w, 1, c]), source)))); // [B, H, W, W', C]
    return tf.sum<tf.Tensor4D>(tf.mul(weights, tf.reshape(x, [b, h, 1, w, c])), 3);
  });
}
