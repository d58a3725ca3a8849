// Gradient of a convolution with respect to its input, phase-decomposed (the "sub-pixel" form of
// a transposed convolution): for stride s, the input positions i = s*q + r of one phase r only
// receive filter taps k = k0 + s*j with k0 = (r + pad) mod s, so
//   dx[s*q + r] = sum_j dy[q - c - j] * w[k0 + s*j],   c = (k0 - r - pad) / s,
// which is a stride-1 Conv of dy with the flipped sub-filter, per phase. The s^d phase outputs
// are interleaved by a reshape + transpose. No zero is multiplied (a zero-dilated dy would
// waste s^d of the FLOPs) and onnxruntime's ConvTranspose, slow in 3-D, is not used.
// Stride 1 is the single-phase case. Dilated convolutions are declined (wasm path).
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { geometryKey, isPointwise, worthNative, toChannelsFirst, toChannelsLast, type ConvGeometry } from './conv-geometry';
import { int, ints, type GraphBuilder } from './onnx-graph';
import { tryOnednnConv } from './onednn-conv';
import { runPlan } from './plan';

interface PhaseDim {
  /** Taps of this phase (0: the phase gets no contribution). */
  taps: number;
  firstTap: number;
  /** Positions of this phase that exist in the input. */
  size: number;
  padBegin: number;
  padEnd: number;
}

function phaseDim(g: ConvGeometry, d: number, r: number): PhaseDim {
  const s = g.strides[d];
  const k = g.kernel[d];
  const p = g.padBegin[d];
  const firstTap = (((r + p) % s) + s) % s; // p < 0 for tfjs 'same' windows inside the input
  const taps = firstTap < k ? Math.ceil((k - firstTap) / s) : 0;
  const size = r < g.in[d] ? Math.ceil((g.in[d] - r) / s) : 0;
  const c = (firstTap - r - p) / s;
  const padBegin = c + taps - 1;
  return { taps, firstTap, size, padBegin, padEnd: size + taps - 1 - padBegin - g.out[d] };
}

/** Every phase vector r in [0, s_1) x ... x [0, s_S), first dimension slowest. */
function phases(strides: number[]): number[][] {
  return strides.reduce<number[][]>((acc, s) => acc.flatMap((p) => Array.from({ length: s }, (_, r) => [...p, r])), [[]]);
}

function phaseOutput(b: GraphBuilder, g: ConvGeometry, dyT: string, w: string, dims: PhaseDim[], sizes: number[]): string {
  const spatial = dims.length;
  const full = [g.batch, g.inChannels, ...sizes];
  if (dims.some((d) => d.taps === 0 || d.size === 0)) {
    return b.node('ConstantOfShape', [b.int64(full)]); // float zeros by default
  }
  // Flipped sub-filter [J..., C, Co] -> ONNX weight [C (out), Co (in), J...].
  const sub = b.slice(
    w,
    dims.map((d, i) => d.firstTap + g.strides[i] * (d.taps - 1)),
    dims.map((d, i) => (d.firstTap >= 1 ? d.firstTap - 1 : -(g.kernel[i] + 1))),
    dims.map((_, i) => i),
    g.strides.map((s) => -s),
  );
  const weight = b.transpose(sub, [spatial, spatial + 1, ...dims.map((_, i) => i)]);
  // Negative pads crop dy; positive ones are the Conv's own.
  const crop = dims.some((d) => d.padBegin < 0 || d.padEnd < 0);
  const input = crop
    ? b.slice(dyT, dims.map((d) => Math.max(0, -d.padBegin)), dims.map((d, i) => g.out[i] - Math.max(0, -d.padEnd)), dims.map((_, i) => i + 2), dims.map(() => 1))
    : dyT;
  const y = b.node('Conv', [input, weight], [
    ints('kernel_shape', dims.map((d) => d.taps)),
    ints('pads', [...dims.map((d) => Math.max(0, d.padBegin)), ...dims.map((d) => Math.max(0, d.padEnd))]),
  ]);
  const grow = dims.map((d, i) => sizes[i] - d.size);
  return b.pad(y, [0, 0, ...grow.map(() => 0), 0, 0, ...grow]);
}

export function nativeConvBackpropInput(backend: BackendWasm, op: string, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo | undefined {
  const fast = tryOnednnConv(backend, op, 'backward-data', dy, filter, g);
  if (fast !== undefined) return fast;
  if (!worthNative(g)) return undefined;
  if (g.dilations.some((d) => d !== 1)) return undefined;
  const spatial = g.kernel.length;
  const rank = spatial + 2;
  const sizes = g.in.map((size, i) => Math.ceil(size / g.strides[i]));
  const [dx] = runPlan(backend, op, geometryKey(g), {
    inputShapes: [dy.shape, filter.shape],
    outputShapes: [[g.batch, ...g.in, g.inChannels]],
    build: (b, [dyi, wi]) => {
      if (isPointwise(g) && g.strides.every((s) => s === 1)) {
        // dx = dy . W^T over positions, channels-last.
        const dx2 = b.node('Gemm', [b.reshape(dyi, [-1, g.outChannels]), b.reshape(wi, [g.inChannels, g.outChannels])], [int('transB', 1)]);
        return [b.reshape(dx2, [g.batch, ...g.in, g.inChannels])];
      }
      const dyT = b.transpose(dyi, toChannelsFirst(rank));
      const outs = phases(g.strides).map((r) => phaseOutput(b, g, dyT, wi, r.map((ri, d) => phaseDim(g, d, ri)), sizes));
      const count = outs.length;
      // Stride 1: one phase, already [N, C, ...in]; a plain transpose (the 8-D interleaving
      // transpose below, with its size-1 axes, measured 2x slower).
      if (count === 1 && g.strides.every((s) => s === 1)) return [b.transpose(outs[0], toChannelsLast(rank))];
      // [N, C, P, Q...] with P the phase index -> [N, C, s..., Q...] -> [N, Q1, s1, Q2, s2, ..., C].
      const stacked = count === 1 ? outs[0] : b.node('Concat', outs.map((o) => b.node('Unsqueeze', [o, b.int64([2])])), [int('axis', 2)]);
      // Axes of stride 1 carry no phase: leave them out of the interleaving (lower-rank transpose).
      const phased = g.strides.map((s, d) => (s > 1 ? d : -1)).filter((d) => d >= 0);
      const split = b.reshape(stacked, [g.batch, g.inChannels, ...phased.map((d) => g.strides[d]), ...sizes]);
      const phaseAxis = (d: number) => 2 + phased.indexOf(d);
      const sizeAxis = (d: number) => 2 + phased.length + d;
      const perm = [0, ...sizes.flatMap((_, d) => (g.strides[d] > 1 ? [sizeAxis(d), phaseAxis(d)] : [sizeAxis(d)])), 1];
      const inter = b.transpose(split, perm);
      const merged = b.reshape(inter, [g.batch, ...sizes.map((q, d) => q * g.strides[d]), g.inChannels]);
      const over = sizes.some((q, d) => q * g.strides[d] !== g.in[d]);
      return [over ? b.slice(merged, g.in.map(() => 0), g.in, g.in.map((_, d) => d + 1), g.in.map(() => 1)) : merged];
    },
  }, [dy, filter]);
  return dx;
}

