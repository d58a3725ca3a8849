// Training augmentation, one draw per clip applied to all its frames (mmaction2 pipelines):
//   MultiScaleCrop: crop sides drawn from scales x the short side (width and height at most one
//     scale step apart, max_wh_scale_gap = 1) at one of the 13 fixed offsets (more_fix_crop);
//   Resize to inputSize x inputSize (bilinear); Flip horizontally with probability 1/2 (hflip);
//   colorJitter a: contrast c ~ U(1 - a, 1 + a) about the clip mean and brightness b ~ U(-a, a),
//     clamped to [-1, 1] (gray ultrasound has no hue/saturation to jitter).
// Crop, resize and flip are one cropAndResize per frame (a box with x1 > x2 is a mirrored crop).
import type { ClassifierTrainSchema } from '@lddm/config';
import { tf, type Rng } from '@lddm/runtime';
import type { z } from 'zod';

export type AugmentConfig = z.output<typeof ClassifierTrainSchema>['augment'];

/** [top, left, height, width] in pixels. */
export type CropBox = [number, number, number, number];

/** mmaction2 MultiScaleCrop with fix_crop and more_fix_crop: a crop of a height x width frame. */
export function multiScaleCrop(height: number, width: number, scales: readonly number[], rng: Rng): CropBox {
  const base = Math.min(height, width);
  const sizes = scales.map((s) => Math.max(1, Math.min(base, Math.floor(base * s))));
  const pairs: Array<[number, number]> = [];
  sizes.forEach((h, i) => sizes.forEach((w, j) => Math.abs(i - j) <= 1 && pairs.push([h, w])));
  const [ch, cw] = rng.choice(pairs);
  const hs = Math.floor((height - ch) / 4);
  const ws = Math.floor((width - cw) / 4);
  // (x steps, y steps) of the 13 fixed positions: corners, centre, edge midpoints, quarter points.
  const grid: Array<[number, number]> = [[0, 0], [4, 0], [0, 4], [4, 4], [2, 2], [0, 2], [4, 2], [2, 4], [2, 0], [1, 1], [3, 1], [1, 3], [3, 3]];
  const [gx, gy] = rng.choice(grid);
  return [gy * hs, gx * ws, ch, cw];
}

/** clips [B, T, H, W, C] -> augmented [B, T, size, size, C]. */
export function augmentClips(clips: tf.Tensor5D, config: AugmentConfig, size: number, rng: Rng): tf.Tensor5D {
  const [b, t, h, w, c] = clips.shape;
  const boxes: number[][] = [];
  const contrast: number[] = [];
  const brightness: number[] = [];
  for (let n = 0; n < b; n++) {
    const [top, left, ch, cw] = multiScaleCrop(h, w, config.cropScales, rng);
    // Normalised corners (cropAndResize maps y1 to pixel y1 (H - 1)): the crop's first and last pixel.
    const y1 = h > 1 ? top / (h - 1) : 0;
    const y2 = h > 1 ? (top + ch - 1) / (h - 1) : 0;
    let x1 = w > 1 ? left / (w - 1) : 0;
    let x2 = w > 1 ? (left + cw - 1) / (w - 1) : 0;
    if (config.hflip && rng.next() < 0.5) [x1, x2] = [x2, x1];
    for (let k = 0; k < t; k++) boxes.push([y1, x1, y2, x2]);
    const a = config.colorJitter;
    contrast.push(a > 0 ? rng.uniform(1 - a, 1 + a) : 1);
    brightness.push(a > 0 ? rng.uniform(-a, a) : 0);
  }
  return tf.tidy(() => {
    const frames = tf.reshape<tf.Rank.R4>(clips, [b * t, h, w, c]);
    const indices = tf.tensor1d(Int32Array.from({ length: b * t }, (_, i) => i), 'int32');
    let out = tf.reshape<tf.Rank.R5>(tf.image.cropAndResize(frames, tf.tensor2d(boxes, [b * t, 4]), indices, [size, size], 'bilinear'), [b, t, size, size, c]);
    if (config.colorJitter > 0) {
      const perClip = (v: number[]) => tf.tensor(v, [b, 1, 1, 1, 1]);
      const mean = tf.mean(out, [1, 2, 3, 4], true);
      out = tf.clipByValue(tf.add<tf.Tensor5D>(tf.add(tf.mul(tf.sub(out, mean), perClip(contrast)), mean), perClip(brightness)), -1, 1);
    }
    return out;
  });
}
