// Folding the time axis of a conv3d into a conv2d. For a filter of depth KD, output time t reads
// input times t*sd + kd*dd - front (kd < KD); stacking those KD frames along channels gives
//   unfold(x)[n*Do + t, h, w, kd*C + c] = x[n, t*sd + kd*dd - front, h, w, c]   (0 outside)
// so that conv3d(x, W) = conv2d(unfold(x), W as [KH, KW, KD*C, Co]). `fold` is the adjoint
// (a scatter-add back to [N, D, H, W, C]) used for the input gradient.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { allocate, reshape, viewF32 } from './heap';

export interface TimeWindow {
  /** Filter depth KD, stride sd, dilation dd, front padding, output depth Do. */
  depth: number;
  stride: number;
  dilation: number;
  front: number;
  outDepth: number;
}

const BLOCK_COPY_MIN = 24;

function isIdentity(inDepth: number, t: TimeWindow): boolean {
  return t.depth === 1 && t.stride === 1 && t.front === 0 && t.outDepth === inDepth;
}

/** [N, D, H, W, C] -> [N*Do, H, W, KD*C]. */
export function unfoldTime(backend: BackendWasm, x: TensorInfo, t: TimeWindow, op: string): TensorInfo {
  const [n, d, h, w, c] = x.shape;
  if (isIdentity(d, t)) return reshape(backend, x, [n * d, h, w, c]);
  const kc = t.depth * c;
  const hw = h * w;
  const out = allocate(backend, [n * t.outDepth, h, w, kc]);
  const xs = viewF32(backend, x, op);
  const ys = viewF32(backend, out, op);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < t.outDepth; o++) {
      const dst = (b * t.outDepth + o) * hw * kc;
      for (let k = 0; k < t.depth; k++) {
        const s = o * t.stride + k * t.dilation - t.front;
        const kOff = dst + k * c;
        if (s < 0 || s >= d) {
          for (let p = 0; p < hw; p++) ys.fill(0, kOff + p * kc, kOff + p * kc + c);
          continue;
        }
        const src = (b * d + s) * hw * c;
        if (c >= BLOCK_COPY_MIN) {
          for (let p = 0; p < hw; p++) ys.set(xs.subarray(src + p * c, src + (p + 1) * c), kOff + p * kc);
        } else {
          for (let p = 0; p < hw; p++) {
            const from = src + p * c;
            const to = kOff + p * kc;
            for (let ch = 0; ch < c; ch++) ys[to + ch] = xs[from + ch];
          }
        }
      }
    }
  }
  return out;
}

/** The adjoint of unfoldTime: [N*Do, H, W, KD*C] -> [N, D, H, W, C], summing overlaps. */
export function foldTime(backend: BackendWasm, g: TensorInfo, xShape: number[], t: TimeWindow, op: string): TensorInfo {
  const [n, d, h, w, c] = xShape;
  if (isIdentity(d, t)) return reshape(backend, g, xShape);
  const kc = t.depth * c;
  const hw = h * w;
  const out = allocate(backend, xShape);
  const gs = viewF32(backend, g, op);
  const xs = viewF32(backend, out, op);
  xs.fill(0);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < t.outDepth; o++) {
      const src = (b * t.outDepth + o) * hw * kc;
      for (let k = 0; k < t.depth; k++) {
        const s = o * t.stride + k * t.dilation - t.front;
        if (s < 0 || s >= d) continue;
        const dst = (b * d + s) * hw * c;
        const kOff = src + k * c;
        for (let p = 0; p < hw; p++) {
          const from = kOff + p * kc;
          const to = dst + p * c;
          for (let ch = 0; ch < c; ch++) xs[to + ch] += gs[from + ch];
        }
      }
    }
  }
  return out;
}
