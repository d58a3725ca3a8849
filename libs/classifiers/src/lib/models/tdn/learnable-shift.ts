// TDN's ShiftModule (reference, mode 'shift'): a per-channel temporal conv of kernel 3 over the S
// segments, y_t = w0 x_{t-1} + w1 x_t + w2 x_{t+1} (zero beyond the ends), initialised as TSM's
// shift: channels [0, fold) take x_{t+1}, [fold, 2 fold) take x_{t-1}, the rest x_t; then learned.
// Written as three shifted copies weighted per channel (the wasm backend has no depthwise gradient).
import { Module } from '@lddm/nn';
import { tf } from '@lddm/runtime';

export class LearnableTemporalShift extends Module {
  readonly segments: number;
  /** [3, C]: weights of x_{t-1}, x_t, x_{t+1}. */
  readonly weight: tf.Variable;

  constructor(options: { channels: number; segments: number; shiftDiv: number }) {
    super();
    const { channels, segments, shiftDiv } = options;
    this.segments = segments;
    const fold = Math.floor(channels / shiftDiv);
    const w = new Float32Array(3 * channels);
    for (let ch = 0; ch < channels; ch++) {
      const tap = ch < fold ? 2 : ch < 2 * fold ? 0 : 1;
      w[tap * channels + ch] = 1;
    }
    this.weight = this.addParameter('weight', tf.tensor2d(w, [3, channels]));
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    const [n, h, w, c] = x.shape;
    const s = this.segments;
    if (n % s !== 0) throw new Error(`${this.label}: batch ${n} is not a multiple of segments ${s}`);
    return tf.tidy(() => {
      const v = tf.reshape<tf.Rank.R5>(x, [n / s, s, h, w, c]);
      const padded = tf.pad(v, [[0, 0], [1, 1], [0, 0], [0, 0], [0, 0]]);
      const taps = [0, 1, 2].map((k) => tf.mul(tf.slice(padded, [0, k, 0, 0, 0], [-1, s, -1, -1, -1]), tf.reshape(tf.slice(this.weight, [k, 0], [1, c]), [c])));
      return tf.reshape<tf.Rank.R4>(tf.addN(taps), [n, h, w, c]);
    });
  }
}
