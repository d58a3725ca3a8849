// TDN's long-term temporal difference module (Wang et al. CVPR 2021, eq. 4; reference mSEModule),
// after conv1 of every block in layers 2-4. On features x [N * S, H, W, C] of S segments:
//   b = N(conv1x1(x)) with C/16 channels; forward difference  d+_t = conv3x3(b)_{t+1} - b_t,
//   backward d-_t = conv3x3(b)_{t-1} - b_t, zero-padded to S segments (d+ at the end, d- at the start);
//   multi-scale: m = (d + up(N(conv3x3(avgpool2(d)))) + N(conv3x3(d))) / 3;
//   a = sigmoid(N(conv1x1(m))) - 1/2 for each direction; y = x + x (a+ + a-) / 2.
// Deviations, for the wasm backend and small maps: the depthwise conv3x3 is a full conv3x3 (wasm
// has no depthwise gradient kernels; C/16 channels keep it cheap), and avgpool2 rounds up ('same')
// so that 1x1 maps of small inputs still work (identical when the side is even).
import { Conv2d, featureNorm, Module, type GroupNorm } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';

export interface LongTermTdmOptions {
  channels: number;
  segments: number;
  /** Channel reduction (reference: 16). */
  reduction?: number;
}

export class LongTermTdm extends Module {
  readonly segments: number;
  private readonly reduce: Conv2d;
  private readonly reduceNorm: GroupNorm;
  private readonly next: Conv2d;
  private readonly coarse: Conv2d;
  private readonly coarseNorm: GroupNorm;
  private readonly fine: Conv2d;
  private readonly fineNorm: GroupNorm;
  private readonly expand: Conv2d;
  private readonly expandNorm: GroupNorm;

  constructor(source: RandomSource, options: LongTermTdmOptions) {
    super(source);
    const { channels, segments } = options;
    const r = Math.max(1, Math.floor(channels / (options.reduction ?? 16)));
    this.segments = segments;
    const conv = (name: string, inChannels: number, outChannels: number, kernel: 1 | 3) =>
      this.addModule(name, (rng) => new Conv2d(rng, { inChannels, outChannels, kernel, padding: (kernel - 1) / 2, bias: false }));
    this.reduce = conv('reduce', channels, r, 1);
    this.reduceNorm = this.addModule('reduceNorm', featureNorm(r));
    this.next = conv('next', r, r, 3);
    this.coarse = conv('coarse', r, r, 3);
    this.coarseNorm = this.addModule('coarseNorm', featureNorm(r));
    this.fine = conv('fine', r, r, 3);
    this.fineNorm = this.addModule('fineNorm', featureNorm(r));
    this.expand = conv('expand', r, channels, 1);
    this.expandNorm = this.addModule('expandNorm', featureNorm(channels));
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    const [n, h, w] = x.shape;
    const s = this.segments;
    if (n % s !== 0) throw new Error(`${this.label}: batch ${n} is not a multiple of segments ${s}`);
    if (s === 1) return x;
    return tf.tidy(() => {
      const b = this.reduceNorm.apply(this.reduce.apply(x));
      const c = b.shape[3];
      const bySegment = (t: tf.Tensor4D) => tf.reshape<tf.Rank.R5>(t, [n / s, s, h, w, c]);
      const range = (t: tf.Tensor5D, from: number): tf.Tensor5D => tf.slice(t, [0, from, 0, 0, 0], [-1, s - 1, -1, -1, -1]);
      const b5 = bySegment(b);
      const conv5 = bySegment(this.next.apply(b));
      const none: [number, number] = [0, 0];
      const flat = (t: tf.Tensor) => tf.reshape<tf.Rank.R4>(t, [n, h, w, c]);
      // d+_t = conv(b)_{t+1} - b_t (t < S-1), 0 at t = S-1; d-_t = conv(b)_{t-1} - b_t (t > 0), 0 at t = 0.
      const forward = flat(tf.pad(tf.sub(range(conv5, 1), range(b5, 0)), [none, [0, 1], none, none, none]));
      const backward = flat(tf.pad(tf.sub(range(conv5, 0), range(b5, 1)), [none, [1, 0], none, none, none]));
      const attention = (d: tf.Tensor4D): tf.Tensor4D => {
        const pooled = tf.avgPool(d, 2, 2, 'same');
        const coarse = tf.image.resizeNearestNeighbor(this.coarseNorm.apply(this.coarse.apply(pooled)), [h, w]);
        const fine = this.fineNorm.apply(this.fine.apply(d));
        const m = tf.div<tf.Tensor4D>(tf.addN([d, coarse, fine]), 3);
        return tf.sub<tf.Tensor4D>(tf.sigmoid(this.expandNorm.apply(this.expand.apply(m))), 0.5);
      };
      const a = tf.mul(tf.add(attention(forward), attention(backward)), 0.5);
      return tf.add<tf.Tensor4D>(x, tf.mul(x, a));
    });
  }
}
