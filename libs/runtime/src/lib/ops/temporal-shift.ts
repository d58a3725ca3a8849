// The Temporal Shift Module's shift (Lin et al. ICCV 2019; mmaction2 TemporalShift): frames of
// each clip sit consecutively in the batch, [B * S, ..., C]; with `fold` channels per direction
//   out[t, :fold]        = x[t + 1, :fold]        (zero at t = S - 1)
//   out[t, fold:2 fold]  = x[t - 1, fold:2 fold]  (zero at t = 0)
//   out[t, 2 fold:]      = x[t, 2 fold:]
// On wasm one kernel each way (wasm/temporal-shift.ts); elsewhere slices, zero pads and a concat.
import { tf } from '../tf';
import { TEMPORAL_SHIFT } from '../wasm/temporal-shift';

/** The same shift from tfjs ops (any backend, any order of gradient). */
export function temporalShiftComposite<T extends tf.Tensor>(x: T, segments: number, fold: number): T {
  const y: tf.Tensor = tf.tidy(() => {
    const [n, ...rest] = x.shape;
    const c = rest[rest.length - 1];
    const v = tf.reshape(x, [n / segments, segments, -1, c]);
    const part = (t0: number, t1: number, c0: number, c1: number) => tf.slice(v, [0, t0, 0, c0], [-1, t1 - t0, -1, c1 - c0]);
    const none: [number, number] = [0, 0];
    const fromNext = tf.pad(part(1, segments, 0, fold), [none, [0, 1], none, none]);
    const fromPrev = tf.pad(part(0, segments - 1, fold, 2 * fold), [none, [1, 0], none, none]);
    const kept = part(0, segments, 2 * fold, c);
    return tf.reshape(tf.concat([fromNext, fromPrev, kept], 3), x.shape);
  });
  return y as T;
}

export function temporalShift<T extends tf.Tensor>(x: T, segments: number, fold: number): T {
  const n = x.shape[0];
  const c = x.shape[x.rank - 1];
  if (!Number.isInteger(segments) || segments < 1 || n % segments !== 0) {
    throw new Error(`temporalShift: batch ${n} is not a multiple of segments ${segments}`);
  }
  if (!Number.isInteger(fold) || fold < 0 || 2 * fold > c) throw new Error(`temporalShift: fold ${fold} does not fit ${c} channels twice`);
  if (fold === 0 || segments === 1) return x;
  if (tf.getBackend() !== 'wasm' || x.dtype !== 'float32') return temporalShiftComposite(x, segments, fold);
  return tf.engine().runKernel(TEMPORAL_SHIFT, { x }, { segments, fold, reverse: false }) as T;
}
