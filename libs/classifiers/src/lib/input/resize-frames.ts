// Spatial resize of every frame of a clip batch, bilinear (half-pixel centres, as PyTorch's
// F.interpolate(mode='bilinear', align_corners=False) and mmaction2's Resize).
import { tf } from '@lddm/runtime';

/** [B, T, H, W, C] -> [B, T, size, size, C]; the input itself when it already has that size. */
export function resizeFrames(clips: tf.Tensor5D, size: number): tf.Tensor5D {
  const [b, t, h, w, c] = clips.shape;
  if (h === size && w === size) return clips;
  return tf.tidy(() => {
    const frames = tf.reshape<tf.Rank.R4>(clips, [b * t, h, w, c]);
    const resized = tf.image.resizeBilinear(frames, [size, size], false, true);
    return tf.reshape<tf.Rank.R5>(resized, [b, t, size, size, c]);
  });
}
