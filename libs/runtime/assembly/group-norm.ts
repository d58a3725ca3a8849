// The channel sweeps of group normalisation (src/lib/wasm/group-norm.ts) on channels-last data
// [positions, C] at byte addresses of the tfjs heap. Four channels per 128-bit vector; sums run
// in float32 over blocks of BLOCK positions and are added to float64 totals per block, so a
// total over 10^5 positions keeps float64-like accuracy (the JS sweeps they replace summed in
// float64 throughout, at a quarter of the speed).

const BLOCK: i32 = 64;

/** Per channel ch: s1[ch] += sum_p x[p, ch] and s2[ch] += sum_p x[p, ch]^2 (s1, s2: float64). */
export function channelMoments(x: usize, positions: i32, c: i32, s1: usize, s2: usize): void {
  sweepSums(x, x, positions, c, s1, s2);
}

/** Per channel ch: s1[ch] += sum_p u[p, ch] and s2[ch] += sum_p u[p, ch] * v[p, ch]. */
export function channelDots(u: usize, v: usize, positions: i32, c: i32, s1: usize, s2: usize): void {
  sweepSums(u, v, positions, c, s1, s2);
}

// @inline keeps u === v (the moments) as cheap as a dedicated loop: one extra load from L1.
@inline
function sweepSums(u: usize, v: usize, positions: i32, c: i32, s1: usize, s2: usize): void {
  const c4 = c & ~3;
  const row = <usize>c << 2;
  for (let p0 = 0; p0 < positions; p0 += BLOCK) {
    const p1 = min(positions, p0 + BLOCK);
    const start = <usize>p0 * row;
    for (let ch = 0; ch < c4; ch += 4) {
      let a = f32x4.splat(0);
      let q = f32x4.splat(0);
      let at = start + (<usize>ch << 2);
      for (let p = p0; p < p1; p++, at += row) {
        const x = v128.load(u + at);
        a = f32x4.add(a, x);
        q = f32x4.add(q, f32x4.mul(x, v128.load(v + at)));
      }
      addTotals(s1 + (<usize>ch << 3), a);
      addTotals(s2 + (<usize>ch << 3), q);
    }
    for (let ch = c4; ch < c; ch++) {
      let a: f32 = 0;
      let q: f32 = 0;
      let at = start + (<usize>ch << 2);
      for (let p = p0; p < p1; p++, at += row) {
        const x = load<f32>(u + at);
        a += x;
        q += x * load<f32>(v + at);
      }
      store<f64>(s1 + (<usize>ch << 3), load<f64>(s1 + (<usize>ch << 3)) + <f64>a);
      store<f64>(s2 + (<usize>ch << 3), load<f64>(s2 + (<usize>ch << 3)) + <f64>q);
    }
  }
}

/** Adds the four float32 lanes of `sums` to the four float64 totals at `totals`. */
@inline
function addTotals(totals: usize, sums: v128): void {
  v128.store(totals, f64x2.add(v128.load(totals), f64x2.promote_low_f32x4(sums)));
  const high = i32x4.shuffle(sums, sums, 2, 3, 0, 1);
  v128.store(totals, f64x2.add(v128.load(totals, 16), f64x2.promote_low_f32x4(high)), 16);
}

/** out[p, ch] = x[p, ch] * a[ch] + b[ch] (a, b: float32 per channel). */
export function channelScale(out: usize, x: usize, positions: i32, c: i32, a: usize, b: usize): void {
  const c4 = c & ~3;
  const row = <usize>c << 2;
  let at: usize = 0;
  for (let p = 0; p < positions; p++, at += row) {
    let ch = 0;
    for (; ch < c4; ch += 4) {
      const k = <usize>ch << 2;
      v128.store(out + at + k, f32x4.add(f32x4.mul(v128.load(x + at + k), v128.load(a + k)), v128.load(b + k)));
    }
    for (; ch < c; ch++) {
      const k = <usize>ch << 2;
      store<f32>(out + at + k, load<f32>(x + at + k) * load<f32>(a + k) + load<f32>(b + k));
    }
  }
}

/** out[p, ch] = u[p, ch] * pc[ch] + v[p, ch] * qc[ch] + rc[ch]. */
export function channelAffine(out: usize, u: usize, v: usize, positions: i32, c: i32, pc: usize, qc: usize, rc: usize): void {
  const c4 = c & ~3;
  const row = <usize>c << 2;
  let at: usize = 0;
  for (let p = 0; p < positions; p++, at += row) {
    let ch = 0;
    for (; ch < c4; ch += 4) {
      const k = <usize>ch << 2;
      const y = f32x4.add(f32x4.mul(v128.load(u + at + k), v128.load(pc + k)), f32x4.mul(v128.load(v + at + k), v128.load(qc + k)));
      v128.store(out + at + k, f32x4.add(y, v128.load(rc + k)));
    }
    for (; ch < c; ch++) {
      const k = <usize>ch << 2;
      store<f32>(out + at + k, load<f32>(u + at + k) * load<f32>(pc + k) + load<f32>(v + at + k) * load<f32>(qc + k) + load<f32>(rc + k));
    }
  }
}
