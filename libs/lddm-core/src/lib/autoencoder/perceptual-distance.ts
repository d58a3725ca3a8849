// What stage 1's perceptual term needs from a perceptual metric: a differentiable distance between
// two batches of frames. The paper / reference use LPIPS-VGG (Zhang et al. 2018) per frame; that
// lives in @lddm/metrics and needs pretrained VGG16 weights, which these machines cannot download,
// so every run records which distance it used (id, description).
import type { tf } from '@lddm/runtime';

export interface PerceptualDistance {
  /** Stable identifier recorded with every run, e.g. 'lpips-vgg16-v0.1' or a stand-in's id. */
  readonly id: string;
  readonly description: string;
  /** Mean distance between frames a, b [N, H, W, C] in [-1, 1]; differentiable in both. */
  distance(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar;
}
