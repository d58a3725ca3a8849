// Gradient of 3-D max-pool on NDHWC data (src/lib/wasm/max-pool-3d-grad.ts holds the kernel;
// 2-D pools call it with a depth of 1). Each output's upstream gradient goes to its window's
// LAST maximum in (depth, row, column) scan order (`>=`, as the cpu backend; NaN never wins;
// matters after a ReLU, where whole windows can be zero). The scan is branch-free over four
// channels per vector: a running maximum and the heap index where it was met.

/**
 * dx (zeroed here) receives, for every window of every channel, dy at the window's maximum.
 * Windows: per axis, output o covers inputs [o * stride - pad, o * stride - pad + k) clipped to
 * the input.
 */
export function maxPool3dGrad(
  x: usize, dy: usize, dx: usize, batch: i32, D: i32, H: i32, W: i32, C: i32, outD: i32, outH: i32, outW: i32,
  kd: i32, kh: i32, kw: i32, sd: i32, sh: i32, sw: i32, padD: i32, padH: i32, padW: i32,
): void {
  memory.fill(dx, 0, (<usize>batch * D * H * W * C) << 2);
  const c4 = C & ~3;
  const lanes = i32x4(0, 1, 2, 3);
  let o: i32 = 0; // element index of the current output window's channel 0
  for (let n = 0; n < batch; n++) {
    for (let od = 0; od < outD; od++) {
      const d0 = max(0, od * sd - padD);
      const d1 = min(D, od * sd - padD + kd);
      for (let oh = 0; oh < outH; oh++) {
        const h0 = max(0, oh * sh - padH);
        const h1 = min(H, oh * sh - padH + kh);
        for (let ow = 0; ow < outW; ow++, o += C) {
          const w0 = max(0, ow * sw - padW);
          const w1 = min(W, ow * sw - padW + kw);
          let c = 0;
          for (; c < c4; c += 4) {
            let best = f32x4.splat(-Infinity);
            let at = i32x4.splat(-1);
            for (let d = d0; d < d1; d++) {
              for (let h = h0; h < h1; h++) {
                let j = (((n * D + d) * H + h) * W + w0) * C + c;
                for (let w = w0; w < w1; w++, j += C) {
                  const v = v128.load(x + (<usize>j << 2));
                  const ge = f32x4.ge(v, best);
                  best = v128.bitselect(v, best, ge);
                  at = v128.bitselect(i32x4.add(i32x4.splat(j), lanes), at, ge);
                }
              }
            }
            const g = o + c;
            scatter(dx, dy, i32x4.extract_lane(at, 0), g);
            scatter(dx, dy, i32x4.extract_lane(at, 1), g + 1);
            scatter(dx, dy, i32x4.extract_lane(at, 2), g + 2);
            scatter(dx, dy, i32x4.extract_lane(at, 3), g + 3);
          }
          for (; c < C; c++) {
            let best: f32 = -Infinity;
            let at: i32 = -1;
            for (let d = d0; d < d1; d++) {
              for (let h = h0; h < h1; h++) {
                let j = (((n * D + d) * H + h) * W + w0) * C + c;
                for (let w = w0; w < w1; w++, j += C) {
                  const v = load<f32>(x + (<usize>j << 2));
                  if (v >= best) {
                    best = v;
                    at = j;
                  }
                }
              }
            }
            scatter(dx, dy, at, o + c);
          }
        }
      }
    }
  }
}

/** dx[at] += dy[g] unless the window had no maximum (at < 0: empty or all NaN). */
@inline
function scatter(dx: usize, dy: usize, at: i32, g: i32): void {
  if (at >= 0) {
    const p = dx + (<usize>at << 2);
    store<f32>(p, load<f32>(p) + load<f32>(dy + (<usize>g << 2)));
  }
}
