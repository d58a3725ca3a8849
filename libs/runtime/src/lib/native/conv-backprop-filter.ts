// Gradient of a convolution with respect to its filter as GEMMs over input patches: for each
// tap k, dW[k] = patches_k(x)^T . dy, where patches_k(x) is the strided slice of the padded input
// that tap k sees ([N*P, C], channels-last, so no transpose) and dy is [N*P, Co]. Small inputs
// stack all taps into one patch matrix (one GEMM, K*C rows); large ones take one GEMM per tap
// so that the patch matrix never exists whole.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { geometryKey, type ConvGeometry } from './conv-geometry';
import { int, type GraphBuilder } from './onnx-graph';
import { runPlan } from './plan';

/** Above this many floats the stacked patch matrix is not built (one GEMM per tap instead). */
const STACKED_PATCH_LIMIT = 8 * 1024 * 1024;

function taps(kernel: number[]): number[][] {
  return kernel.reduce<number[][]>((acc, k) => acc.flatMap((t) => Array.from({ length: k }, (_, i) => [...t, i])), [[]]);
}

function patches(b: GraphBuilder, g: ConvGeometry, xp: string, tap: number[]): string {
  const starts = tap.map((k, d) => k * g.dilations[d]);
  return b.slice(xp, starts, starts.map((s, d) => s + g.strides[d] * (g.out[d] - 1) + 1), tap.map((_, d) => d + 1), g.strides);
}

export function nativeConvBackpropFilter(backend: BackendWasm, op: string, x: TensorInfo, dy: TensorInfo, g: ConvGeometry): TensorInfo {
  const spatial = g.kernel.length;
  const rows = g.batch * g.out.reduce((a, b) => a * b, 1);
  const c = g.inChannels;
  const co = g.outChannels;
  const all = taps(g.kernel);
  const stacked = all.length * rows * c <= STACKED_PATCH_LIMIT;
  const [dw] = runPlan(backend, op, `${geometryKey(g)};${stacked}`, {
    inputShapes: [x.shape, dy.shape],
    outputShapes: [[...g.kernel, c, co]],
    build: (b, [xi, dyi]) => {
      const xp = b.padOrCrop(xi, x.shape, [0, ...g.padBegin, 0], [0, ...g.padEnd, 0]);
      const dy2 = b.reshape(dyi, [rows, co]);
      const gemmT = (a: string) => b.node('Gemm', [a, dy2], [int('transA', 1)]);
      if (stacked) {
        // [N, O..., T*C] with channel index t*C + c: one GEMM -> [T*C, Co] = [...K, C, Co].
        const cols = b.node('Concat', all.map((t) => patches(b, g, xp, t)), [int('axis', spatial + 1)]);
        return [b.reshape(gemmT(b.reshape(cols, [rows, all.length * c])), [...g.kernel, c, co])];
      }
      const perTap = all.map((t) => gemmT(b.reshape(patches(b, g, xp, t), [rows, c])));
      return [b.reshape(b.node('Concat', perTap, [int('axis', 0)]), [...g.kernel, c, co])];
    },
  }, [x, dy]);
  return dw;
}
