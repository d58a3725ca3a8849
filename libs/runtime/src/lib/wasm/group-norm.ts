// Group normalisation as two fused kernels on the wasm heap (plain loops, float64 sums): the
// forward writes y and the per-(sample, group) mean and 1/std; the gradient reads them back.
// tfjs has no such kernel; composed from Mean / Sub / Multiply / Add / Sum with broadcasting,
// forward and gradient took ~30% of an LDDM stage-1 step. The op (ops/group-norm.ts) calls
// these on wasm and composes the same maths from tfjs ops elsewhere. An onnxruntime version
// (channels-first [N, G, M], contiguous ReduceMean / ReduceSum) was measured slower forward +
// backward (45-53 ms against 38 on [4,16,64,64,8]) and is not used.
//   y = (x - mean_g) * rstd_g * gamma_c + beta_c,   rstd = 1 / sqrt(var + eps)
//   dx = rstd * (dxhat - mean_g(dxhat) - xhat * mean_g(dxhat * xhat)),   dxhat = dy * gamma_c
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { numberAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';

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

// The sweeps below take four channels at a time with their sums (or scale and shift) in local
// variables, walking the positions of a block with stride C: per-element typed-array
// accumulators (sum[ch] += v) and per-element loads of the per-channel factors ran at ~100 M
// elements/s, these at several hundred. Blocks of positions keep the C/4 strided passes in cache.
// Two positions per step measured 5-20% faster, except in channelDots (no gain there).
const BLOCK_ELEMENTS = 2048;

function blockSize(c: number): number {
  return Math.max(2, Math.floor(BLOCK_ELEMENTS / c)) * c;
}

/**
 * Per channel over positions [base, end) of a channels-last sample, in float64: adds sum x to
 * s1[ch] and sum x^2 to s2[ch].
 */
function channelMoments(x: Float32Array, base: number, end: number, c: number, s1: Float64Array, s2: Float64Array): void {
  const block = blockSize(c);
  const c4 = c - (c % 4);
  for (let b0 = base; b0 < end; b0 += block) {
    const b1 = Math.min(end, b0 + block);
    for (let ch = 0; ch < c4; ch += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      let i = b0 + ch;
      for (; i + c < b1; i += 2 * c) {
        const j = i + c;
        const v0 = x[i];
        const v1 = x[i + 1];
        const v2 = x[i + 2];
        const v3 = x[i + 3];
        const w0 = x[j];
        const w1 = x[j + 1];
        const w2 = x[j + 2];
        const w3 = x[j + 3];
        a0 += v0 + w0;
        a1 += v1 + w1;
        a2 += v2 + w2;
        a3 += v3 + w3;
        q0 += v0 * v0 + w0 * w0;
        q1 += v1 * v1 + w1 * w1;
        q2 += v2 * v2 + w2 * w2;
        q3 += v3 * v3 + w3 * w3;
      }
      if (i < b1) {
        const v0 = x[i];
        const v1 = x[i + 1];
        const v2 = x[i + 2];
        const v3 = x[i + 3];
        a0 += v0;
        a1 += v1;
        a2 += v2;
        a3 += v3;
        q0 += v0 * v0;
        q1 += v1 * v1;
        q2 += v2 * v2;
        q3 += v3 * v3;
      }
      s1[ch] += a0;
      s1[ch + 1] += a1;
      s1[ch + 2] += a2;
      s1[ch + 3] += a3;
      s2[ch] += q0;
      s2[ch + 1] += q1;
      s2[ch + 2] += q2;
      s2[ch + 3] += q3;
    }
    for (let ch = c4; ch < c; ch++) {
      let a = 0;
      let q = 0;
      for (let i = b0 + ch; i < b1; i += c) {
        const v = x[i];
        a += v;
        q += v * v;
      }
      s1[ch] += a;
      s2[ch] += q;
    }
  }
}

/**
 * Per channel over positions [base, end) of a channels-last sample, in float64: adds sum u to
 * s1[ch] and sum u * v to s2[ch].
 */
function channelDots(u: Float32Array, v: Float32Array, base: number, end: number, c: number, s1: Float64Array, s2: Float64Array): void {
  const block = blockSize(c);
  const c4 = c - (c % 4);
  for (let b0 = base; b0 < end; b0 += block) {
    const b1 = Math.min(end, b0 + block);
    for (let ch = 0; ch < c4; ch += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let i = b0 + ch; i < b1; i += c) {
        const u0 = u[i];
        const u1 = u[i + 1];
        const u2 = u[i + 2];
        const u3 = u[i + 3];
        a0 += u0;
        a1 += u1;
        a2 += u2;
        a3 += u3;
        q0 += u0 * v[i];
        q1 += u1 * v[i + 1];
        q2 += u2 * v[i + 2];
        q3 += u3 * v[i + 3];
      }
      s1[ch] += a0;
      s1[ch + 1] += a1;
      s1[ch + 2] += a2;
      s1[ch + 3] += a3;
      s2[ch] += q0;
      s2[ch + 1] += q1;
      s2[ch + 2] += q2;
      s2[ch + 3] += q3;
    }
    for (let ch = c4; ch < c; ch++) {
      let a = 0;
      let q = 0;
      for (let i = b0 + ch; i < b1; i += c) {
        const w = u[i];
        a += w;
        q += w * v[i];
      }
      s1[ch] += a;
      s2[ch] += q;
    }
  }
}

/** out = u * p[ch] + v * q[ch] + r[ch] over positions [base, end) of a channels-last sample. */
function channelAffine(
  out: Float32Array, u: Float32Array, v: Float32Array, base: number, end: number, c: number, p: Float32Array, q: Float32Array, r: Float32Array,
): void {
  const block = blockSize(c);
  const c4 = c - (c % 4);
  for (let b0 = base; b0 < end; b0 += block) {
    const b1 = Math.min(end, b0 + block);
    for (let ch = 0; ch < c4; ch += 4) {
      const p0 = p[ch];
      const p1 = p[ch + 1];
      const p2 = p[ch + 2];
      const p3 = p[ch + 3];
      const q0 = q[ch];
      const q1 = q[ch + 1];
      const q2 = q[ch + 2];
      const q3 = q[ch + 3];
      const r0 = r[ch];
      const r1 = r[ch + 1];
      const r2 = r[ch + 2];
      const r3 = r[ch + 3];
      let i = b0 + ch;
      for (; i + c < b1; i += 2 * c) {
        const j = i + c;
        out[i] = p0 * u[i] + q0 * v[i] + r0;
        out[i + 1] = p1 * u[i + 1] + q1 * v[i + 1] + r1;
        out[i + 2] = p2 * u[i + 2] + q2 * v[i + 2] + r2;
        out[i + 3] = p3 * u[i + 3] + q3 * v[i + 3] + r3;
        out[j] = p0 * u[j] + q0 * v[j] + r0;
        out[j + 1] = p1 * u[j + 1] + q1 * v[j + 1] + r1;
        out[j + 2] = p2 * u[j + 2] + q2 * v[j + 2] + r2;
        out[j + 3] = p3 * u[j + 3] + q3 * v[j + 3] + r3;
      }
      if (i < b1) {
        out[i] = p0 * u[i] + q0 * v[i] + r0;
        out[i + 1] = p1 * u[i + 1] + q1 * v[i + 1] + r1;
        out[i + 2] = p2 * u[i + 2] + q2 * v[i + 2] + r2;
        out[i + 3] = p3 * u[i + 3] + q3 * v[i + 3] + r3;
      }
    }
    for (let ch = c4; ch < c; ch++) {
      const pc = p[ch];
      const qc = q[ch];
      const rc = r[ch];
      for (let i = b0 + ch; i < b1; i += c) out[i] = pc * u[i] + qc * v[i] + rc;
    }
  }
}

/** out = x * a[ch] + b[ch] over positions [base, end) of a channels-last sample. */
function channelScale(out: Float32Array, x: Float32Array, base: number, end: number, c: number, a: Float32Array, b: Float32Array): void {
  const block = blockSize(c);
  const c4 = c - (c % 4);
  for (let b0 = base; b0 < end; b0 += block) {
    const b1 = Math.min(end, b0 + block);
    for (let ch = 0; ch < c4; ch += 4) {
      const a0 = a[ch];
      const a1 = a[ch + 1];
      const a2 = a[ch + 2];
      const a3 = a[ch + 3];
      const c0 = b[ch];
      const c1 = b[ch + 1];
      const c2 = b[ch + 2];
      const c3 = b[ch + 3];
      let i = b0 + ch;
      for (; i + c < b1; i += 2 * c) {
        const j = i + c;
        out[i] = x[i] * a0 + c0;
        out[i + 1] = x[i + 1] * a1 + c1;
        out[i + 2] = x[i + 2] * a2 + c2;
        out[i + 3] = x[i + 3] * a3 + c3;
        out[j] = x[j] * a0 + c0;
        out[j + 1] = x[j + 1] * a1 + c1;
        out[j + 2] = x[j + 2] * a2 + c2;
        out[j + 3] = x[j + 3] * a3 + c3;
      }
      if (i < b1) {
        out[i] = x[i] * a0 + c0;
        out[i + 1] = x[i + 1] * a1 + c1;
        out[i + 2] = x[i + 2] * a2 + c2;
        out[i + 3] = x[i + 3] * a3 + c3;
      }
    }
    for (let ch = c4; ch < c; ch++) {
      const ac = a[ch];
      const bc = b[ch];
      for (let i = b0 + ch; i < b1; i += c) out[i] = x[i] * ac + bc;
    }
  }
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
    const xs = viewF32(backend, x, op);
    const ys = viewF32(backend, y, op);
    const means = viewF32(backend, mean, op);
    const rstds = viewF32(backend, rstd, op);
    const gs = gamma === undefined ? undefined : viewF32(backend, gamma, op);
    const bs = beta === undefined ? undefined : viewF32(backend, beta, op);
    // Per-channel sums, combined per group afterwards (a sweep per group was slow for instance
    // norm's one channel per group).
    const sum = new Float64Array(L.c);
    const sumSq = new Float64Array(L.c);
    const scale = new Float32Array(L.c);
    const shift = new Float32Array(L.c);
    for (let n = 0; n < L.n; n++) {
      const base = n * L.s * L.c;
      const end = base + L.s * L.c;
      sum.fill(0);
      sumSq.fill(0);
      channelMoments(xs, base, end, L.c, sum, sumSq);
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
      channelScale(ys, xs, base, end, L.c, scale, shift);
    }
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
    const dys = viewF32(backend, dy, gradOp);
    const xs = viewF32(backend, x, gradOp);
    const means = viewF32(backend, mean, gradOp);
    const rstds = viewF32(backend, rstd, gradOp);
    const gs = gamma === undefined ? undefined : viewF32(backend, gamma, gradOp);
    const dxs = viewF32(backend, dx, gradOp);
    const dgs = new Float64Array(L.c);
    const dbs = new Float64Array(L.c);
    const sumD = new Float64Array(L.c);
    const sumDX = new Float64Array(L.c);
    const p = new Float32Array(L.c);
    const q = new Float32Array(L.c);
    const r = new Float32Array(L.c);
    for (let n = 0; n < L.n; n++) {
      const base = n * L.s * L.c;
      const end = base + L.s * L.c;
      sumD.fill(0);
      sumDX.fill(0);
      // Per channel: sum dy and sum dy * x; the group sums and dgamma follow from them.
      channelDots(dys, xs, base, end, L.c, sumD, sumDX);
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
      channelAffine(dxs, dys, xs, base, end, L.c, p, q, r);
    }
    const dgv = viewF32(backend, dgamma, gradOp);
    const dbv = viewF32(backend, dbeta, gradOp);
    for (let ch = 0; ch < L.c; ch++) {
      dgv[ch] = dgs[ch];
      dbv[ch] = dbs[ch];
    }
    return [dx, dgamma, dbeta];
  },
});
