// One Adam / AdamW / AMSGrad update (src/lib/wasm/adam-update.ts holds the maths and the
// kernel). float64 arithmetic per element, two elements per 128-bit vector, in the order the
// scalar tail below spells out, so results equal a float64 scalar loop bit for bit. The
// caller passes (1 - beta) and the bias corrections precomputed.

/**
 * w, g, m, v (and vmax when amsgrad) are float32 arrays of n elements; wOut, mOut, vOut (and
 * vmaxOut) receive the updated values.
 */
export function adamUpdate(
  w: usize, g: usize, m: usize, v: usize, vmax: usize, wOut: usize, mOut: usize, vOut: usize, vmaxOut: usize, n: i32,
  lr: f64, beta1: f64, oneMinusBeta1: f64, beta2: f64, oneMinusBeta2: f64, epsilon: f64, l2: f64, keep: f64, c1: f64, c2: f64,
  amsgrad: bool,
): void {
  const n2 = n & ~1;
  const vLr = f64x2.splat(lr);
  const vB1 = f64x2.splat(beta1);
  const vOb1 = f64x2.splat(oneMinusBeta1);
  const vB2 = f64x2.splat(beta2);
  const vOb2 = f64x2.splat(oneMinusBeta2);
  const vEps = f64x2.splat(epsilon);
  const vL2 = f64x2.splat(l2);
  const vKeep = f64x2.splat(keep);
  const vC1 = f64x2.splat(c1);
  const vC2 = f64x2.splat(c2);
  let i = 0;
  for (; i < n2; i += 2) {
    const k = <usize>i << 2;
    const wi = f64x2.promote_low_f32x4(v128.load64_zero(w + k));
    const gi = f64x2.add(f64x2.promote_low_f32x4(v128.load64_zero(g + k)), f64x2.mul(vL2, wi));
    const mi = f64x2.add(f64x2.mul(vB1, f64x2.promote_low_f32x4(v128.load64_zero(m + k))), f64x2.mul(vOb1, gi));
    const vi = f64x2.add(f64x2.mul(vB2, f64x2.promote_low_f32x4(v128.load64_zero(v + k))), f64x2.mul(f64x2.mul(vOb2, gi), gi));
    v128.store64_lane(mOut + k, f32x4.demote_f64x2_zero(mi), 0);
    v128.store64_lane(vOut + k, f32x4.demote_f64x2_zero(vi), 0);
    let vh = vi;
    if (amsgrad) {
      vh = f64x2.max(f64x2.promote_low_f32x4(v128.load64_zero(vmax + k)), vi);
      v128.store64_lane(vmaxOut + k, f32x4.demote_f64x2_zero(vh), 0);
    }
    const step = f64x2.div(f64x2.mul(vLr, f64x2.div(mi, vC1)), f64x2.add(f64x2.sqrt(f64x2.div(vh, vC2)), vEps));
    v128.store64_lane(wOut + k, f32x4.demote_f64x2_zero(f64x2.sub(f64x2.mul(wi, vKeep), step)), 0);
  }
  for (; i < n; i++) {
    const k = <usize>i << 2;
    const wi = <f64>load<f32>(w + k);
    const gi = <f64>load<f32>(g + k) + l2 * wi;
    const mi = beta1 * <f64>load<f32>(m + k) + oneMinusBeta1 * gi;
    const vi = beta2 * <f64>load<f32>(v + k) + oneMinusBeta2 * gi * gi;
    store<f32>(mOut + k, <f32>mi);
    store<f32>(vOut + k, <f32>vi);
    let vh = vi;
    if (amsgrad) {
      vh = max(<f64>load<f32>(vmax + k), vi);
      store<f32>(vmaxOut + k, <f32>vh);
    }
    store<f32>(wOut + k, <f32>(wi * keep - (lr * (mi / c1)) / (sqrt(vh / c2) + epsilon)));
  }
}
