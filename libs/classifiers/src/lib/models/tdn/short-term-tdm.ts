// TDN's short-term temporal difference module (Wang et al. CVPR 2021, eq. 2; reference
// TDN_Net.forward): for each segment, the L frames around its centre give L - 1 stacked
// differences D = [x2 - x1, ..., xL - x(L-1)] (channels-last: [N, H, W, (L - 1) C]), which go
// through avgpool 2 -> conv7x7/2 (no bias) -> N -> ReLU -> maxpool 3x3/2, a stem of their own
// whose output (1/8 of the input side) is fused with the RGB stem's (1/4) after upsampling.
// No bias anywhere and GroupNorm's beta starting at 0: a static clip gives exactly zero here.
import { Activation, AvgPool2d, Conv2d, featureNorm, Layer, MaxPool2d, relu, Sequential } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';

export interface ShortTermTdmOptions {
  /** Frames per window (reference: 5). */
  frames: number;
  inChannels: number;
  outChannels: number;
}

/** window [N, L, H, W, C] -> [N, H, W, (L - 1) C], differences of consecutive frames. */
export function frameDifferences(window: tf.Tensor5D): tf.Tensor4D {
  const [n, l, h, w, c] = window.shape;
  if (l < 2) throw new Error(`frameDifferences: need at least 2 frames per window, got ${l}`);
  return tf.tidy(() => {
    const later = tf.slice(window, [0, 1, 0, 0, 0], [-1, l - 1, -1, -1, -1]);
    const earlier = tf.slice(window, [0, 0, 0, 0, 0], [-1, l - 1, -1, -1, -1]);
    // [N, L-1, H, W, C] -> [N, H, W, L-1, C] -> [N, H, W, (L-1) C]: differences stacked on channels.
    const d = tf.transpose(tf.sub(later, earlier), [0, 2, 3, 1, 4]);
    return tf.reshape<tf.Rank.R4>(d, [n, h, w, (l - 1) * c]);
  });
}

export class ShortTermTdm extends Layer<tf.Tensor5D, tf.Tensor4D> {
  readonly frames: number;
  private readonly stem: Sequential<tf.Tensor4D>;

  constructor(source: RandomSource, options: ShortTermTdmOptions) {
    super(source);
    const { frames, inChannels, outChannels } = options;
    if (!Number.isInteger(frames) || frames < 2) throw new Error(`${this.label}: frames must be an integer >= 2, got ${frames}`);
    this.frames = frames;
    this.stem = this.addModule('stem', (rng) =>
      new Sequential<tf.Tensor4D>(rng, [
        () => new AvgPool2d({ kernel: 2 }),
        (r) => new Conv2d(r, { inChannels: (frames - 1) * inChannels, outChannels, kernel: 7, stride: 2, padding: 3, bias: false }),
        () => featureNorm(outChannels),
        () => new Activation(relu),
        () => new MaxPool2d({ kernel: 3, stride: 2, padding: 1 }),
      ]),
    );
  }

  /** window [N, L, H, W, C] (L = frames) -> difference features [N, H/8, W/8, outChannels]. */
  apply(window: tf.Tensor5D): tf.Tensor4D {
    if (window.rank !== 5 || window.shape[1] !== this.frames) {
      throw new Error(`${this.label}: expected [N, ${this.frames}, H, W, C], got [${window.shape.join(', ')}]`);
    }
    return tf.tidy(() => this.stem.apply(frameDifferences(window)));
  }
}

/** (1 - w) a + w resize(b to a's size), nearest (PyTorch F.interpolate's default), as TDN fuses. */
export function fuseDifference(a: tf.Tensor4D, b: tf.Tensor4D, weight: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = a.shape;
    const up = b.shape[1] === h && b.shape[2] === w ? b : tf.image.resizeNearestNeighbor(b, [h, w]);
    return tf.add<tf.Tensor4D>(tf.mul(a, 1 - weight), tf.mul(up, weight));
  });
}
