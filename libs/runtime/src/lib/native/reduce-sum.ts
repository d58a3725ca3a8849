// Sum over any axes as one ONNX ReduceSum: onnxruntime's vectorised reductions measured 15x the
// wasm replacement (a JS pass with float64 sums) on a bias gradient, [8,16,64,64,16] over all but
// channels: 1.8 ms against 28. Float32 only; small inputs stay on wasm (a call costs ~20 us).
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, util, type TensorInfo } from '@tensorflow/tfjs-core';
import { int } from './onnx-graph';
import { runPlan } from './plan';

export const MIN_NATIVE_SUM_ELEMENTS = 1 << 15;

export function nativeSum(backend: BackendWasm, op: string, x: TensorInfo, axis: number[] | null, keepDims: boolean): TensorInfo | undefined {
  const size = util.sizeFromShape(x.shape);
  if (x.dtype !== 'float32' || size < MIN_NATIVE_SUM_ELEMENTS) return undefined;
  const axes = axis == null ? x.shape.map((_, i) => i) : util.parseAxisParam(axis, x.shape);
  if (axes.length === 0) return undefined;
  const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
  const shape = keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
  const [y] = runPlan(backend, op, `${x.shape};${axes};${keepDims}`, {
    inputShapes: [x.shape],
    outputShapes: [shape],
    build: (b, [xi]) => [b.node('ReduceSum', [xi, b.int64(axes)], [int('keepdims', keepDims ? 1 : 0)])],
  }, [x]);
  return y;
}
