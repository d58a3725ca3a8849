// LPIPS v0.1 with the VGG16 trunk (Zhang et al. 2018, eq. 1; docs/method.md "Metrics as the references
// compute them"): for each tap l, unit-normalise the features over channels (eps 1e-10), square
// the difference, weight channels with a 1x1 linear head w_l (no bias), average over space, and
// sum over the five taps. Heads are named lin0..lin4 (the lpips package's lin<k>.model.1).
// `distance` is differentiable, so LDDM stage 1 can use `loss` as its perceptual term.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, Module } from '@lddm/nn';
import { Vgg16, type Vgg16Input } from './vgg16';

const EPS = 1e-10;

/** x / (||x||_channels + eps). The norm's argument is floored at 1e-20 so its gradient stays finite at all-zero positions. */
function unitNormalise(x: tf.Tensor4D): tf.Tensor4D {
  const norm = tf.sqrt(tf.maximum(tf.sum(tf.square(x), 3, true), 1e-20));
  return tf.div(x, tf.add(norm, EPS));
}

export class Lpips extends Module {
  readonly net: Vgg16;
  private readonly heads: Conv2d[];

  /**
   * Without converted weights the trunk is seeded and every head is all ones, the lpips package's
   * `lpips=False` baseline (a plain sum over channels): LPIPS(x, x) = 0 and it grows with noise.
   */
  constructor(source: RandomSource, config: Vgg16Input = {}) {
    super(source);
    this.net = this.addModule('net', (rng) => new Vgg16(rng, config));
    this.heads = this.net.tapChannels.map((channels, k) =>
      this.addModule(`lin${k}`, (rng) => new Conv2d(rng, { inChannels: channels, outChannels: 1, kernel: 1, bias: false, weightInit: (shape) => tf.ones(shape) })),
    );
  }

  /** Per-pair distance [N] for frames [N, H, W, C] in [-1, 1]. */
  distance(a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor1D {
    if (a.shape.join(',') !== b.shape.join(',')) throw new Error(`${this.label}: frame batches differ in shape ([${a.shape}] vs [${b.shape}])`);
    return tf.tidy(() => {
      const n = a.shape[0];
      // One trunk pass over both batches.
      const taps = this.net.taps(tf.concat([a, b], 0));
      let total = tf.zeros([n]) as tf.Tensor1D;
      for (const [k, tap] of taps.entries()) {
        const fa = unitNormalise(tf.slice(tap, [0, 0, 0, 0], [n, -1, -1, -1]));
        const fb = unitNormalise(tf.slice(tap, [n, 0, 0, 0], [n, -1, -1, -1]));
        const weighted = this.heads[k].apply(tf.squaredDifference(fa, fb));
        total = tf.add(total, tf.mean(weighted, [1, 2, 3]));
      }
      return total;
    });
  }

  /** Mean LPIPS over a frame batch, as a scalar loss. */
  loss(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
    return tf.tidy(() => tf.mean(this.distance(a, b)));
  }

  /** LPIPS of each video pair [N, T, H, W, C], averaged over frames, in batches of `batchFrames`. */
  videoDistance(a: tf.Tensor5D, b: tf.Tensor5D, batchFrames = 16, onBatch?: (frames: number) => void): Float64Array {
    if (a.rank !== 5 || a.shape.join(',') !== b.shape.join(',')) throw new Error(`${this.label}: expected two video sets [N, T, H, W, C] of one shape`);
    const [n, t, h, w, c] = a.shape;
    const perFrame = new Float64Array(n * t);
    for (let start = 0; start < n * t; start += batchFrames) {
      const size = Math.min(batchFrames, n * t - start);
      const d = tf.tidy(() => {
        const fa = tf.slice(tf.reshape<tf.Rank.R4>(a, [n * t, h, w, c]), [start, 0, 0, 0], [size, -1, -1, -1]);
        const fb = tf.slice(tf.reshape<tf.Rank.R4>(b, [n * t, h, w, c]), [start, 0, 0, 0], [size, -1, -1, -1]);
        return this.distance(fa, fb);
      });
      perFrame.set(d.dataSync(), start);
      d.dispose();
      onBatch?.(size);
    }
    return Float64Array.from({ length: n }, (_, i) => perFrame.subarray(i * t, (i + 1) * t).reduce((s, v) => s + v, 0) / t);
  }
}
