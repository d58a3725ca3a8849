// BatchMatMul and _FusedMatMul (bias + activation) on onnxruntime's GEMM. Rank-2 operands take
// one Gemm with its transpose flags and bias; batched ones a MatMul (numpy broadcasting, as in
// tfjs) after explicit transposes. Products too small to amortise a session call stay on wasm.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { broadcast_util, type TensorInfo } from '@tensorflow/tfjs-core';
import { float, int, type GraphBuilder } from './onnx-graph';
import { runPlan } from './plan';

/** Below this many multiply-adds a call into onnxruntime costs more than XNNPACK's whole product. */
export const MIN_NATIVE_MATMUL_MACS = 1 << 18;

export type NativeActivation = 'linear' | 'relu' | 'leakyrelu' | 'sigmoid' | 'elu' | 'relu6';

export interface MatMulSpec {
  transposeA: boolean;
  transposeB: boolean;
  activation?: NativeActivation;
  leakyreluAlpha?: number;
}

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

function activate(b: GraphBuilder, y: string, act: NativeActivation, alpha: number): string {
  switch (act) {
    case 'linear':
      return y;
    case 'relu':
      return b.node('Relu', [y]);
    case 'leakyrelu':
      return b.node('LeakyRelu', [y], [float('alpha', alpha)]);
    case 'sigmoid':
      return b.node('Sigmoid', [y]);
    case 'elu':
      return b.node('Elu', [y], [float('alpha', 1)]);
    case 'relu6':
      return b.node('Clip', [y, b.scalar(0), b.scalar(6)]);
  }
}

export function nativeMatMul(backend: BackendWasm, op: string, a: TensorInfo, b: TensorInfo, bias: TensorInfo | undefined, spec: MatMulSpec): TensorInfo | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [m, k] = spec.transposeA ? a.shape.slice(-2).reverse() : a.shape.slice(-2);
  const [k2, n] = spec.transposeB ? b.shape.slice(-2).reverse() : b.shape.slice(-2);
  if (k !== k2) return undefined; // the wasm kernel reports the mismatch
  const batch = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batches = batch.reduce((p, d) => p * d, 1);
  if (batches * m * n * k < MIN_NATIVE_MATMUL_MACS) return undefined;
  const act = spec.activation ?? 'linear';
  const alpha = spec.leakyreluAlpha ?? 0.2;
  const outShape = [...batch, m, n];
  const inputs = bias === undefined ? [a, b] : [a, b, bias];
  const key = `${a.shape};${b.shape};${bias?.shape ?? '-'};${spec.transposeA};${spec.transposeB};${act};${alpha}`;
  const [y] = runPlan(backend, op, key, {
    inputShapes: inputs.map((t) => t.shape),
    outputShapes: [outShape],
    build: (g, [ai, bi, biasi]) => {
      let product: string;
      if (a.shape.length === 2 && b.shape.length === 2) {
        const gemmInputs = biasi !== undefined && bias !== undefined && bias.shape.length <= 2 ? [ai, bi, biasi] : [ai, bi];
        product = g.node('Gemm', gemmInputs, [int('transA', spec.transposeA ? 1 : 0), int('transB', spec.transposeB ? 1 : 0)]);
        if (biasi !== undefined && gemmInputs.length === 2) product = g.node('Add', [product, biasi]);
      } else {
        const at = spec.transposeA ? g.transpose(ai, swapLastTwo(a.shape.length)) : ai;
        const bt = spec.transposeB ? g.transpose(bi, swapLastTwo(b.shape.length)) : bi;
        product = g.node('MatMul', [at, bt]);
        if (biasi !== undefined) product = g.node('Add', [product, biasi]);
      }
      return [activate(g, product, act, alpha)];
    },
  }, inputs);
  return y;
}
