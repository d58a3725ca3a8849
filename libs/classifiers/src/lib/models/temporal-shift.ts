// Temporal Shift Module (Lin et al. ICCV 2019, "TSM", residual shift; mmaction2 TemporalShift):
// frames of each video sit consecutively in the batch, [B * S, H, W, C]. With fold = floor(C / div)
//   out[t, :fold]        = x[t + 1, :fold]        (zero at t = S - 1)
//   out[t, fold:2 fold]  = x[t - 1, fold:2 fold]  (zero at t = 0)
//   out[t, 2 fold:]      = x[t, 2 fold:]
// A parameter-free function of x; the shift itself is a runtime op (one fused kernel on wasm).
import { temporalShift as shift, tf } from '@lddm/runtime';

export function temporalShift(x: tf.Tensor4D, segments: number, shiftDiv: number): tf.Tensor4D {
  return shift(x, segments, Math.floor(x.shape[3] / shiftDiv));
}
