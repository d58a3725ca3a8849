// Gradient of max-pool 3-D: each output's upstream gradient goes to the position of its
// window's maximum. Ties go to the LAST maximum in (depth, row, column) scan order, as in the
// cpu backend (`>=`), which matters after a ReLU, where whole windows can be zero. NaN never
// wins. Window by window, channels innermost (channels-last: contiguous rows of C per tap).
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { MaxPool3DGrad, type TensorInfo } from '@tensorflow/tfjs-core';
import { padding3dAttr, roundingAttr, tupleAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';
import { pool3dInfo, poolWindows, type Pool3dParams } from './pool-3d-window';

/**
 * The window's last maximum in scan order (`>=`: NaN never wins), as a heap index, or -1 when
 * it has none. The window's taps of one channel are at base + taps[t].
 */
function scanLast(xs: Float32Array, taps: Int32Array, count: number, base: number): number {
  let best = -Infinity;
  let at = -1;
  for (let t = 0; t < count; t++) {
    const j = base + taps[t];
    const v = xs[j];
    if (v >= best) {
      best = v;
      at = j;
    }
  }
  return at;
}

export function maxPool3dGradInfo(backend: BackendWasm, dy: TensorInfo, x: TensorInfo, p: Pool3dParams, y?: TensorInfo): TensorInfo {
  const op = MaxPool3DGrad;
  const info = pool3dInfo(x.shape, p, op);
  const { batchSize, inDepth: D, inHeight: H, inWidth: W, inChannels: C, outDepth, outHeight, outWidth } = info;
  const [kd, kh, kw] = [info.filterDepth, info.filterHeight, info.filterWidth];
  if (dy.shape.join() !== info.outShape.join()) {
    throw new Error(`${op}: dy shape [${dy.shape}] does not match the pooled shape [${info.outShape}]`);
  }
  const [wd, wh, ww] = poolWindows(info);
  const full = kd * kh * kw;
  // With the pooled output y, the maximum is known and only its position is searched for.
  const fromY = y !== undefined && y.shape.join() === info.outShape.join();
  // Offsets of a whole window's taps from its first, in scan order.
  const offsets = new Int32Array(full);
  for (let a = 0, k = 0; a < kd; a++) for (let b = 0; b < kh; b++) for (let e = 0; e < kw; e++) offsets[k++] = ((a * H + b) * W + e) * C;
  // A window clipped by padding: heap indices of its in-range taps (channel 0).
  const clipped = new Int32Array(full);
  const dx = allocate(backend, x.shape);
  const xs = viewF32(backend, x, op);
  const ys = fromY ? viewF32(backend, y, op) : new Float32Array(0);
  const dys = viewF32(backend, dy, op);
  const dxs = viewF32(backend, dx, op);
  const slice = H * W * C;
  const C4 = C - (C % 4);
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    // dx is zeroed one depth slice ahead of the windows that reach it, so the scattered adds
    // land in cache (one fill of the whole tensor first was 5-10% slower).
    let zeroed = 0;
    for (let od = 0; od < outDepth; od++) {
      const d0 = wd.begin[od];
      const d1 = wd.end[od];
      if (d1 > zeroed) {
        dxs.fill(0, (n * D + zeroed) * slice, (n * D + d1) * slice);
        zeroed = d1;
      }
      for (let oh = 0; oh < outHeight; oh++) {
        const h0 = wh.begin[oh];
        const h1 = wh.end[oh];
        for (let ow = 0; ow < outWidth; ow++, o += C) {
          const w0 = ww.begin[ow];
          const w1 = ww.end[ow];
          let taps = offsets;
          let count = full;
          let corner = (((n * D + d0) * H + h0) * W + w0) * C;
          if ((d1 - d0) * (h1 - h0) * (w1 - w0) !== full) {
            count = 0;
            for (let d = d0; d < d1; d++) {
              for (let h = h0; h < h1; h++) {
                for (let w = w0, at = (((n * D + d) * H + h) * W + w0) * C; w < w1; w++, at += C) clipped[count++] = at;
              }
            }
            taps = clipped;
            corner = 0;
          }
          let c = 0;
          if (fromY) {
            // Branch-free search, four channels at a time: each channel's last tap equal to the
            // pooled maximum m, selected by masking ((t - at) & -(v === m)). Branching per tap
            // (a running maximum, or `if (v === m)`) mispredicts on random data: 1.6-1.8x
            // slower. Where m is not the window's maximum (NaN in the window or in m: XNNPACK's
            // 2-D pool can return -Infinity there), the scan decides, so the result is always
            // the scan's.
            for (; c < C4; c += 4) {
              const b = corner + c;
              const m0 = ys[o + c];
              const m1 = ys[o + c + 1];
              const m2 = ys[o + c + 2];
              const m3 = ys[o + c + 3];
              let t0 = -1;
              let t1 = -1;
              let t2 = -1;
              let t3 = -1;
              let above = 0;
              for (let t = 0; t < count; t++) {
                const j = b + taps[t];
                const v0 = xs[j];
                const v1 = xs[j + 1];
                const v2 = xs[j + 2];
                const v3 = xs[j + 3];
                t0 += (t - t0) & -(v0 === m0);
                t1 += (t - t1) & -(v1 === m1);
                t2 += (t - t2) & -(v2 === m2);
                t3 += (t - t3) & -(v3 === m3);
                above |= +(v0 > m0) | +(v1 > m1) | +(v2 > m2) | +(v3 > m3);
              }
              if (above !== 0) t0 = t1 = t2 = t3 = -1;
              const a0 = t0 >= 0 ? b + taps[t0] : scanLast(xs, taps, count, b);
              const a1 = t1 >= 0 ? b + 1 + taps[t1] : scanLast(xs, taps, count, b + 1);
              const a2 = t2 >= 0 ? b + 2 + taps[t2] : scanLast(xs, taps, count, b + 2);
              const a3 = t3 >= 0 ? b + 3 + taps[t3] : scanLast(xs, taps, count, b + 3);
              if (a0 >= 0) dxs[a0] += dys[o + c];
              if (a1 >= 0) dxs[a1] += dys[o + c + 1];
              if (a2 >= 0) dxs[a2] += dys[o + c + 2];
              if (a3 >= 0) dxs[a3] += dys[o + c + 3];
            }
          }
          for (; c < C; c++) {
            const at = scanLast(xs, taps, count, corner + c);
            if (at >= 0) dxs[at] += dys[o + c];
          }
        }
      }
    }
    if (zeroed < D) dxs.fill(0, (n * D + zeroed) * slice, (n + 1) * D * slice);
  }
  return dx;
}

export const maxPool3dGradKernel = defineWasmKernel({
  name: MaxPool3DGrad,
  reason: 'stock MaxPool3DGrad is a per-channel scalar loop over every input position',
  inputs: (m) => ({ dy: input(m, 'dy', MaxPool3DGrad), x: input(m, 'input', MaxPool3DGrad), y: m['output'] }),
  attrs: (m) => ({
    filterSize: tupleAttr(m, 'filterSize', 3, MaxPool3DGrad),
    strides: tupleAttr(m, 'strides', 3, MaxPool3DGrad),
    pad: padding3dAttr(m, 'pad', MaxPool3DGrad),
    dimRoundingMode: roundingAttr(m, 'dimRoundingMode', MaxPool3DGrad),
  }),
  run: ({ dy, x, y }, attrs, backend) => maxPool3dGradInfo(backend, dy, x, attrs, y),
});
