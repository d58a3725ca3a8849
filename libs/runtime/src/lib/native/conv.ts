// Convolution forward (2-D and 3-D, channels-last, groups 1) as one ONNX Conv: onnxruntime's MLAS
// kernels run it in their blocked layout; the transposes around it live in the same graph.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { filterToOnnx, geometryKey, worthNative, toChannelsFirst, toChannelsLast, type ConvGeometry } from './conv-geometry';
import { ints } from './onnx-graph';
import { runPlan } from './plan';

export function nativeConv(backend: BackendWasm, op: string, x: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo | undefined {
  if (!worthNative(g)) return undefined;
  const rank = x.shape.length;
  const outShape = [g.batch, ...g.out, g.outChannels];
  const [y] = runPlan(backend, op, geometryKey(g), {
    inputShapes: [x.shape, filter.shape],
    outputShapes: [outShape],
    build: (b, [xi, wi]) => {
      // Negative (tfjs 'same') begin padding crops the input; ONNX Conv pads cannot be negative.
      const begin = [0, ...g.padBegin.map((p) => Math.min(0, p)), 0];
      const xc = b.padOrCrop(xi, x.shape, begin, x.shape.map(() => 0));
      const xt = b.transpose(xc, toChannelsFirst(rank));
      const wt = b.transpose(wi, filterToOnnx(rank - 2));
      const yt = b.node('Conv', [xt, wt], [
        ints('kernel_shape', g.kernel),
        ints('strides', g.strides),
        ints('dilations', g.dilations),
        ints('pads', [...g.padBegin.map((p) => Math.max(0, p)), ...g.padEnd]),
      ]);
      return [b.transpose(yt, toChannelsLast(rank))];
    },
  }, [x, filter]);
  return y;
}
