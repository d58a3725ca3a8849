// Stage-1 training augmentation as the cINN reference does it (docs/method.md "Data"): resize each
// clip to size + margin, crop a random size x size window, flip horizontally with p = 0.5 and
// jitter brightness and contrast; one draw per clip, the same for all its frames (a per-frame
// draw would add motion that is not in the data).
import { tf, type Rng } from '@lddm/runtime';

export interface ClipAugment {
  resizeMargin: number;
  hflip: boolean;
  /** Amplitude a: contrast in [1 - a, 1 + a], brightness in [-a, a] (data range [-1, 1]). */
  colorJitter: number;
}

/** x [B, T, H, W, C] -> augmented clips of the same shape, values clipped to [-1, 1]. */
export function augmentClips(x: tf.Tensor5D, augment: ClipAugment, rng: Rng): tf.Tensor5D {
  const [b, t, h, w, c] = x.shape;
  const { resizeMargin: m, hflip, colorJitter: a } = augment;
  if (m === 0 && !hflip && a === 0) return tf.clone(x);
  return tf.tidy(() => {
    const clips = tf.unstack(x).map((clip) => {
      let frames = clip as tf.Tensor4D; // [T, H, W, C]
      if (m > 0) {
        const big = tf.image.resizeBilinear(frames, [h + m, w + m], false, true);
        const dy = rng.int(m + 1);
        const dx = rng.int(m + 1);
        frames = tf.slice(big, [0, dy, dx, 0], [t, h, w, c]);
      }
      if (hflip && rng.uniform(0, 1) < 0.5) frames = tf.reverse(frames, 2);
      if (a > 0) {
        const contrast = 1 + rng.uniform(-a, a);
        const brightness = rng.uniform(-a, a);
        frames = tf.clipByValue(tf.add(tf.mul(frames, contrast), brightness), -1, 1) as tf.Tensor4D;
      }
      return frames;
    });
    return tf.stack(clips).reshape([b, t, h, w, c]) as tf.Tensor5D;
  });
}
