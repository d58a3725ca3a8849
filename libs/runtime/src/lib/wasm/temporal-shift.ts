// The temporal shift of TSM (ops/temporal-shift.ts) as one pass on the heap: each frame is
// block-copied, then the 2 * fold shifted channels of every position are overwritten from the
// neighbouring frame (zeros past the clip's ends). Composed from slices, pads and a concat it was
// ~10 kernels forward and back with 2-channel runs (TSM, 16 channels: ~11 ms of a step).
// The shift is linear and its adjoint is the shift in the other direction, so the gradient is
// this kernel with `reverse` flipped (registered below; any order of gradient works).
import { registerGradient, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf';
import { booleanAttr, numberAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';

export const TEMPORAL_SHIFT = 'LddmTemporalShift';
const op = TEMPORAL_SHIFT;

export const temporalShiftKernel = defineWasmKernel({
  name: op,
  reason: 'added: TSM temporal shift in one pass (see ops/temporal-shift.ts)',
  inputs: (m) => ({ x: input(m, 'x', op) }),
  attrs: (m) => ({ segments: numberAttr(m, 'segments', op), fold: numberAttr(m, 'fold', op), reverse: booleanAttr(m, 'reverse', op) }),
  run: ({ x }, { segments, fold, reverse }, backend) => {
    const c = x.shape[x.shape.length - 1];
    const frames = x.shape[0];
    if (frames % segments !== 0 || 2 * fold > c) throw new Error(`${op}: [${x.shape}] does not split into ${segments} segments with 2 x ${fold} shifted channels`);
    const out = allocate(backend, x.shape);
    const xs = viewF32(backend, x, op);
    const ys = viewF32(backend, out, op);
    const plane = xs.length / frames;
    for (let f = 0; f < frames; f++) {
      const base = f * plane;
      ys.set(xs.subarray(base, base + plane), base);
      const t = f % segments;
      const next = t + 1 < segments ? base + plane : -1;
      const prev = t > 0 ? base - plane : -1;
      // Forward: channels [0, fold) from t + 1, [fold, 2 fold) from t - 1; reverse swaps them.
      shiftChannels(ys, xs, base, reverse ? prev : next, plane, c, 0, fold);
      shiftChannels(ys, xs, base, reverse ? next : prev, plane, c, fold, 2 * fold);
    }
    return out;
  },
});

/** ys[base + p + ch] = xs[src + p + ch] for channels [c0, c1) of every position (0 if src < 0). */
function shiftChannels(ys: Float32Array, xs: Float32Array, base: number, src: number, plane: number, c: number, c0: number, c1: number): void {
  if (src < 0) {
    for (let p = 0; p < plane; p += c) for (let ch = c0; ch < c1; ch++) ys[base + p + ch] = 0;
    return;
  }
  for (let p = 0; p < plane; p += c) for (let ch = c0; ch < c1; ch++) ys[base + p + ch] = xs[src + p + ch];
}

const temporalShiftGrad: GradConfig = {
  kernelName: TEMPORAL_SHIFT,
  gradFunc: (dy, _saved, attrs) => {
    const d = Array.isArray(dy) ? dy[0] : dy;
    const a = { segments: numberAttr(attrs, 'segments', op), fold: numberAttr(attrs, 'fold', op), reverse: !booleanAttr(attrs, 'reverse', op) };
    return { x: () => tf.engine().runKernel(TEMPORAL_SHIFT, { x: d }, a) as Tensor };
  },
};

/** Registers the gradient (idempotent: registration replaces). */
export function registerTemporalShiftGradient(): void {
  registerGradient(temporalShiftGrad);
}
