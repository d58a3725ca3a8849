// Temporal Shift Module (Lin et al. ICCV 2019, "TSM", residual shift; mmaction2 TemporalShift):
// frames of each video sit consecutively in the batch, [B * S, H, W, C]. With fold = floor(C / div)
//   out[t, :fold]        = x[t + 1, :fold]        (zero at t = S - 1)
//   out[t, fold:2 fold]  = x[t - 1, fold:2 fold]  (zero at t = 0)
//   out[t, 2 fold:]      = x[t, 2 fold:]
// A parameter-free function of x: slices, zero pads and a concat, so gradients pass straight through.
import { tf } from '@lddm/runtime';

export function temporalShift(x: tf.Tensor4D, segments: number, shiftDiv: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  if (!Number.isInteger(segments) || segments < 1 || n % segments !== 0) {
    throw new Error(`temporalShift: batch ${n} is not a multiple of segments ${segments}`);
  }
  const fold = Math.floor(c / shiftDiv);
  if (fold === 0 || segments === 1) return x;
  return tf.tidy(() => {
    const v = tf.reshape<tf.Rank.R5>(x, [n / segments, segments, h, w, c]);
    const part = (t0: number, t1: number, c0: number, c1: number) => tf.slice(v, [0, t0, 0, 0, c0], [-1, t1 - t0, -1, -1, c1 - c0]);
    const none: [number, number] = [0, 0];
    // Channels [0, fold) come from the next frame: drop frame 0, zero-pad at the end.
    const fromNext = tf.pad(part(1, segments, 0, fold), [none, [0, 1], none, none, none]);
    // Channels [fold, 2 fold) come from the previous frame: drop the last, zero-pad at the start.
    const fromPrev = tf.pad(part(0, segments - 1, fold, 2 * fold), [none, [1, 0], none, none, none]);
    const kept = part(0, segments, 2 * fold, c);
    return tf.reshape<tf.Rank.R4>(tf.concat([fromNext, fromPrev, kept], 4), [n, h, w, c]);
  });
}
