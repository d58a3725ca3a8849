// Convolution forward (2-D and 3-D, channels-last, groups 1) as one ONNX Conv: onnxruntime's MLAS
// kernels run it in their blocked layout; the transposes around it live in the same graph.
// A pointwise (1x1) convolution is a MatMul over positions in channels-last, no transpose: as a
// blocked Conv with 8-16 channels it ran 5-10x slower (an LDDM decoder's 1x1x1 convolutions).
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { filterToOnnx, geometryKey, isPointwise, worthNative, toChannelsFirst, toChannelsLast, type ConvGeometry } from './conv-geometry';
import { ints } from './onnx-graph';
import { tryOnednnConv } from './onednn-conv';
import { runPlan } from './plan';

export function nativeConv(backend: BackendWasm, op: string, x: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo | undefined {
  const fast = tryOnednnConv(backend, op, 'forward', x, filter, g);
  if (fast !== undefined) return fast;
  if (!worthNative(g)) return undefined;
  const rank = x.shape.length;
  const outShape = [g.batch, ...g.out, g.outChannels];
  const [y] = runPlan(backend, op, geometryKey(g), {
    inputShapes: [x.shape, filter.shape],
    outputShapes: [outShape],
    build: (b, [xi, wi]) => {
      if (isPointwise(g)) {
        const strided = g.strides.some((s) => s !== 1)
          ? b.slice(xi, g.in.map(() => 0), g.in, g.in.map((_, d) => d + 1), g.strides)
          : xi;
        const w2 = b.reshape(wi, [g.inChannels, g.outChannels]);
        return [b.reshape(b.node('MatMul', [b.reshape(strided, [-1, g.inChannels]), w2]), outShape)];
      }
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
