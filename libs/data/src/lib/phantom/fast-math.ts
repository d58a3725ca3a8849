// Cheaper ln and atan2 for the per-pixel loop, where Math.log and Math.atan2 were a third of
// the render time. Both are deterministic (table and polynomial), and far more precise than
// 8-bit output needs: ln to ~5e-4 (0.004 dB), atan2 to ~1.2e-4 rad (a profile bin is 0.025 rad).

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const MANT_BITS = 10;
/** ln(1 + m) at the centre of each of the 2^10 mantissa intervals. */
const LN_MANT = Float64Array.from({ length: 1 << MANT_BITS }, (_, i) => Math.log(1 + (i + 0.5) / (1 << MANT_BITS)));

/** ln(x) for positive normal float32 x: exponent * ln 2 + ln(mantissa) from a table. */
export function fastLn(x: number): number {
  f32[0] = x;
  const b = u32[0];
  return ((b >>> 23) - 127) * Math.LN2 + LN_MANT[(b >>> (23 - MANT_BITS)) & ((1 << MANT_BITS) - 1)];
}

/** atan2(y, x) in [-pi, pi] by a 7th-order minimax polynomial on [0, 1]. */
export function fastAtan2(y: number, x: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const hi = ax > ay ? ax : ay;
  if (hi === 0) return 0;
  const a = (ax > ay ? ay : ax) / hi;
  const s = a * a;
  let r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
  if (ay > ax) r = Math.PI / 2 - r;
  if (x < 0) r = Math.PI - r;
  return y < 0 ? -r : r;
}
