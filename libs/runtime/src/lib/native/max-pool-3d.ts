// Max-pool 3-D for tiling windows (stride = window, no padding, sizes divisible: C3D's 2x2x2 and
// 1x2x2 pools), where the input is its windows laid side by side:
// x [N, D, H, W, C] = [N, Do, kd, Ho, kh, Wo, kw, C], so the pool is one ReduceMax over the
// window axes (measured 2x the wasm kernel on C3D's first pool). Overlapping or padded windows
// are declined (wasm path). The gradient stays in JS (max-pool-3d-grad.ts): onnxruntime's
// broadcasting ArgMax / Where formulations measured 2-3x slower than the JS loop.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import { int, ints } from './onnx-graph';
import { runPlan } from './plan';

interface Tiling {
  /** [N, Do, kd, Ho, kh, Wo, kw, C] */
  split: number[];
  out: number[];
  window: number;
}

function tiling(info: backend_util.Conv3DInfo): Tiling | undefined {
  const { batchSize: n, inDepth, inHeight, inWidth, inChannels: c, outDepth, outHeight, outWidth } = info;
  const k = [info.filterDepth, info.filterHeight, info.filterWidth];
  const s = [info.strideDepth, info.strideHeight, info.strideWidth];
  const out = [outDepth, outHeight, outWidth];
  const inSizes = [inDepth, inHeight, inWidth];
  const p = info.padInfo;
  const padded = p.front + p.back + p.top + p.bottom + p.left + p.right !== 0;
  if (padded || k.some((kk, i) => kk !== s[i] || out[i] * kk !== inSizes[i]) || info.dilationDepth * info.dilationHeight * info.dilationWidth !== 1) return undefined;
  return { split: [n, out[0], k[0], out[1], k[1], out[2], k[2], c], out: [n, ...out, c], window: k[0] * k[1] * k[2] };
}

export function nativeMaxPool3d(backend: BackendWasm, op: string, x: TensorInfo, info: backend_util.Conv3DInfo): TensorInfo | undefined {
  const t = tiling(info);
  if (t === undefined || x.dtype !== 'float32') return undefined;
  const [y] = runPlan(backend, op, t.split.join(), {
    inputShapes: [x.shape],
    outputShapes: [t.out],
    build: (b, [xi]) => [b.node('ReduceMax', [b.reshape(xi, t.split)], [ints('axes', [2, 4, 6]), int('keepdims', 0)])],
  }, [x]);
  return y;
}
