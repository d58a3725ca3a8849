// Group normalisation as two fused kernels on the wasm heap: the forward writes y and the
// per-(sample, group) mean and 1/std; the gradient reads them back. The sweeps over the data are
// SIMD (assembly/group-norm.ts: per-channel sums, then one affine pass); the per-group algebra
// over C channels stays here.
// tfjs has no such kernel; composed from Mean / Sub / Multiply / Add / Sum with broadcasting,
// forward and gradient took ~30% of an LDDM stage-1 step. The op (ops/group-norm.ts) calls
// these on wasm and composes the same maths from tfjs ops elsewhere. An onnxruntime version
// (channels-first [N, G, M], contiguous ReduceMean / ReduceSum) was measured slower forward +
// backward (45-53 ms against 38 on [4,16,64,64,8]) and is not used.
//   y = (x - mean_g) * rstd_g * gamma_c + beta_c,   rstd = 1 / sqrt(var + eps)
//   dx = rstd * (dxhat - mean_g(dxhat) - xhat * mean_g(dxhat * xhat)),   dxhat = dy * gamma_c
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { numberAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';
import { address, heapBuffer, simdKernels, withScratch } from './simd';

export const GROUP_NORM = 'LddmGroupNorm';
export const GROUP_NORM_GRAD = 'LddmGroupNormGrad';

interface Layout {
  n: number;
  /** Spatial positions per sample. */
  s: number;
  c: number;
  groups: number;
  perGroup: number;
  /** Elements per (sample, group). */
  m: number;
}

function layout(x: TensorInfo, groups: number, op: string): Layout {
  if (x.dtype !== 'float32' || x.shape.length < 2) throw new Error(`${op}: expected a float32 [N, ..., C] tensor, got ${x.dtype} [${x.shape}]`);
  const n = x.shape[0];
  const c = x.shape[x.shape.length - 1];
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0) throw new Error(`${op}: ${groups} groups do not divide ${c} channels`);
  const s = x.shape.slice(1, -1).reduce((a, b) => a * b, 1);
  return { n, s, c, groups, perGroup: c / groups, m: s * (c / groups) };
}

/**
 * `f64` float64 then `f32` float32 arrays of c entries on the heap for the duration of `use`
 * (each with its address, for the SIMD sweeps, and a view).
 */
function withChannelScratch<T>(
  backend: BackendWasm,
  c: number,
  f64: number,
  f32: number,
  use: (f64s: Array<{ at: number; view: Float64Array }>, f32s: Array<{ at: number; view: Float32Array }>) => T,
): T {
  return withScratch(backend, c * (8 * f64 + 4 * f32), (at) => {
    const heap = heapBuffer(backend);
    const doubles = Array.from({ length: f64 }, (_, i) => ({ at: at + i * c * 8, view: new Float64Array(heap, at + i * c * 8, c) }));
    const base = at + f64 * c * 8;
    const singles = Array.from({ length: f32 }, (_, i) => ({ at: base + i * c * 4, view: new Float32Array(heap, base + i * c * 4, c) }));
    return use(doubles, singles);
  });
}

const op = GROUP_NORM;

export const groupNormKernel = defineWasmKernel({
  name: op,
  reason: 'added: fused group normalisation (forward), see ops/group-norm.ts',
  inputs: (m) => ({ x: input(m, 'x', op), gamma: m['gamma'], beta: m['beta'] }),
  attrs: (m) => ({ groups: numberAttr(m, 'groups', op), eps: numberAttr(m, 'eps', op) }),
  run: ({ x, gamma, beta }, { groups, eps }, backend) => {
    const L = layout(x, groups, op);
    const y = allocate(backend, x.shape);
    const mean = allocate(backend, [L.n, L.groups]);
    const rstd = allocate(backend, [L.n, L.groups]);
    const simd = simdKernels(backend);
    const [xAt, yAt] = [address(backend, x), address(backend, y)];
    const sampleBytes = L.s * L.c * 4;
    // Scratch: per-channel float64 sums and sums of squares, float32 scale and shift.
    withChannelScratch(backend, L.c, 2, 2, ([{ at: sumAt, view: sum }, { at: sumSqAt, view: sumSq }], [{ at: scaleAt, view: scale }, { at: shiftAt, view: shift }]) => {
      const means = viewF32(backend, mean, op);
      const rstds = viewF32(backend, rstd, op);
      const gs = gamma === undefined ? undefined : viewF32(backend, gamma, op);
      const bs = beta === undefined ? undefined : viewF32(backend, beta, op);
      for (let n = 0; n < L.n; n++) {
        sum.fill(0);
        sumSq.fill(0);
        simd.channelMoments(xAt + n * sampleBytes, L.s, L.c, sumAt, sumSqAt);
        for (let g = 0; g < L.groups; g++) {
          let total = 0;
          let totalSq = 0;
          for (let k = g * L.perGroup; k < (g + 1) * L.perGroup; k++) {
            total += sum[k];
            totalSq += sumSq[k];
          }
          const mu = total / L.m;
          const variance = Math.max(0, totalSq / L.m - mu * mu);
          const r = 1 / Math.sqrt(variance + eps);
          means[n * L.groups + g] = mu;
          rstds[n * L.groups + g] = r;
          for (let k = 0; k < L.perGroup; k++) {
            const ch = g * L.perGroup + k;
            const a = r * (gs === undefined ? 1 : gs[ch]);
            scale[ch] = a;
            shift[ch] = (bs === undefined ? 0 : bs[ch]) - mu * a;
          }
        }
        simd.channelScale(yAt + n * sampleBytes, xAt + n * sampleBytes, L.s, L.c, scaleAt, shiftAt);
      }
    });
    return [y, mean, rstd];
  },
});

const gradOp = GROUP_NORM_GRAD;

export const groupNormGradKernel = defineWasmKernel({
  name: gradOp,
  reason: 'added: fused group normalisation (gradient), see ops/group-norm.ts',
  inputs: (m) => ({
    dy: input(m, 'dy', gradOp),
    x: input(m, 'x', gradOp),
    mean: input(m, 'mean', gradOp),
    rstd: input(m, 'rstd', gradOp),
    gamma: m['gamma'],
  }),
  attrs: (m) => ({ groups: numberAttr(m, 'groups', gradOp) }),
  run: ({ dy, x, mean, rstd, gamma }, { groups }, backend) => {
    const L = layout(x, groups, gradOp);
    const dx = allocate(backend, x.shape);
    const dgamma = allocate(backend, [L.c]);
    const dbeta = allocate(backend, [L.c]);
    const simd = simdKernels(backend);
    const [dyAt, xAt, dxAt] = [address(backend, dy), address(backend, x), address(backend, dx)];
    const sampleBytes = L.s * L.c * 4;
    const dgs = new Float64Array(L.c);
    const dbs = new Float64Array(L.c);
    // Scratch: per-channel float64 sum dy and sum dy * x, float32 factors p, q, r.
    withChannelScratch(backend, L.c, 2, 3, ([{ at: sumDAt, view: sumD }, { at: sumDXAt, view: sumDX }], [{ at: pAt, view: p }, { at: qAt, view: q }, { at: rAt, view: r }]) => {
      const means = viewF32(backend, mean, gradOp);
      const rstds = viewF32(backend, rstd, gradOp);
      const gs = gamma === undefined ? undefined : viewF32(backend, gamma, gradOp);
      for (let n = 0; n < L.n; n++) {
        sumD.fill(0);
        sumDX.fill(0);
        // Per channel: sum dy and sum dy * x; the group sums and dgamma follow from them.
        simd.channelDots(dyAt + n * sampleBytes, xAt + n * sampleBytes, L.s, L.c, sumDAt, sumDXAt);
        for (let g = 0; g < L.groups; g++) {
          const mu = means[n * L.groups + g];
          const rs = rstds[n * L.groups + g];
          let a = 0; // sum dxhat
          let b = 0; // sum dxhat * xhat
          for (let k = 0; k < L.perGroup; k++) {
            const ch = g * L.perGroup + k;
            const gc = gs === undefined ? 1 : gs[ch];
            const dyXhat = (sumDX[ch] - mu * sumD[ch]) * rs; // sum dy * xhat over this channel
            dgs[ch] += dyXhat;
            dbs[ch] += sumD[ch];
            a += gc * sumD[ch];
            b += gc * dyXhat;
          }
          // dx = rs * (gc * dy - a/M - xhat * b/M) = p * dy + q * x + r, xhat = (x - mu) * rs.
          const qa = (-rs * rs * b) / L.m;
          for (let k = 0; k < L.perGroup; k++) {
            const ch = g * L.perGroup + k;
            p[ch] = rs * (gs === undefined ? 1 : gs[ch]);
            q[ch] = qa;
            r[ch] = (-rs * a) / L.m - qa * mu;
          }
        }
        simd.channelAffine(dxAt + n * sampleBytes, dyAt + n * sampleBytes, xAt + n * sampleBytes, L.s, L.c, pAt, qAt, rAt);
      }
    });
    const dgv = viewF32(backend, dgamma, gradOp);
    const dbv = viewF32(backend, dbeta, gradOp);
    for (let ch = 0; ch < L.c; ch++) {
      dgv[ch] = dgs[ch];
      dbv[ch] = dbs[ch];
    }
    return [dx, dgamma, dbeta];
  },
});
