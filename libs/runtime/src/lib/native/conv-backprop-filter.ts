// Gradient of a convolution with respect to its filter as GEMMs over input patches:
//   dW[k, c, co] = sum_rows patches(x)[rows, k*C + c] * dy[rows, co]   (computed as dW^T)
// where patches(x) stacks, along channels, the strided slice of the padded input that each tap k
// sees (im2col in channels-last: no transpose). The rows (batch items x output positions) are
// taken in chunks whose patch matrix stays cache-sized, and the chunks' products are summed.
// Measured (C3D layer shapes, one thread): whole-input patches or one GEMM per tap ran at
// 15-21 GFLOP/s, chunks of 0.25-1M floats at 40-66.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { geometryKey, isPointwise, worthNative, type ConvGeometry } from './conv-geometry';
import { int, type GraphBuilder } from './onnx-graph';
import { tryOnednnConv } from './onednn-conv';
import { runPlan } from './plan';

/** Preferred size of one chunk's patch matrix, in floats (2 MiB): cache-friendly GEMMs. */
export const PATCH_CHUNK_FLOATS = 512 * 1024;
/**
 * At most this many slice nodes (chunks x taps) per graph: compile time grows faster than the
 * node count (measured: 3,456 slices 2.4 s, an I3D 7x7x7 stem with 5,488 for minutes). Chunks
 * grow beyond the preferred size to stay under it (measured: chunks of 2 frames ran within 5%
 * of chunks of 1 on C3D's layers).
 */
export const MAX_CHUNKED_SLICES = 2048;
/** Largest chunk allowed when growing them (64 Mi floats = 256 MiB); beyond, one GEMM per tap. */
export const MAX_CHUNK_FLOATS = 64 * 1024 * 1024;

/** A block of rows: batch items [n0, n1) x first-axis output positions [o0, o1). */
export interface RowChunk {
  items: [number, number];
  first: [number, number];
}

function taps(kernel: number[]): number[][] {
  return kernel.reduce<number[][]>((acc, k) => acc.flatMap((t) => Array.from({ length: k }, (_, i) => [...t, i])), [[]]);
}

/**
 * Whole items per chunk where one item fits the preferred size, else first-axis slices of one
 * item; chunks grow past the preferred size where chunks x taps would pass MAX_CHUNKED_SLICES.
 * Undefined when a chunk would pass MAX_CHUNK_FLOATS (the caller then takes one GEMM per tap).
 */
export function rowChunks(g: ConvGeometry): RowChunk[] | undefined {
  const tapCount = taps(g.kernel).length;
  const perPosition = g.out.slice(1).reduce((a, b) => a * b, 1) * tapCount * g.inChannels;
  const perItem = perPosition * g.out[0];
  const maxChunks = Math.floor(MAX_CHUNKED_SLICES / tapCount);
  if (maxChunks < 1) return undefined;
  const chunks: RowChunk[] = [];
  // First-axis positions per chunk: the preferred size, or more where the chunk count demands.
  const framesPerChunk = Math.max(1, Math.floor(PATCH_CHUNK_FLOATS / perPosition), Math.ceil((g.batch * g.out[0]) / maxChunks));
  if (framesPerChunk >= g.out[0]) {
    const items = Math.max(1, Math.floor(PATCH_CHUNK_FLOATS / perItem), Math.ceil(g.batch / maxChunks));
    if (items * perItem > MAX_CHUNK_FLOATS && items > 1) return undefined;
    for (let n = 0; n < g.batch; n += items) chunks.push({ items: [n, Math.min(g.batch, n + items)], first: [0, g.out[0]] });
  } else {
    if (framesPerChunk * perPosition > MAX_CHUNK_FLOATS) return undefined;
    for (let n = 0; n < g.batch; n++) {
      for (let o = 0; o < g.out[0]; o += framesPerChunk) chunks.push({ items: [n, n + 1], first: [o, Math.min(g.out[0], o + framesPerChunk)] });
    }
  }
  return chunks.length * tapCount <= MAX_CHUNKED_SLICES ? chunks : undefined;
}

function chunkProduct(b: GraphBuilder, g: ConvGeometry, xp: string, dy: string, { items, first }: RowChunk): string {
  const spatial = g.kernel.length;
  const all = taps(g.kernel);
  const out = [first[1] - first[0], ...g.out.slice(1)];
  const rows = (items[1] - items[0]) * out.reduce((a, c) => a * c, 1);
  const axes = [0, ...g.kernel.map((_, d) => d + 1)];
  const cols = all.map((tap) => {
    const starts = tap.map((k, d) => k * g.dilations[d] + (d === 0 ? first[0] * g.strides[0] : 0));
    const ends = starts.map((s, d) => s + g.strides[d] * (out[d] - 1) + 1);
    return b.slice(xp, [items[0], ...starts], [items[1], ...ends], axes, [1, ...g.strides]);
  });
  const patches = all.length === 1 ? cols[0] : b.node('Concat', cols, [int('axis', spatial + 1)]);
  const whole = items[0] === 0 && items[1] === g.batch && first[0] === 0 && first[1] === g.out[0];
  const dyChunk = whole ? dy : b.slice(dy, [items[0], first[0]], [items[1], first[1]], [0, 1], [1, 1]);
  // dy^T . patches ([Co, K*C]): measured as fast or up to 1.6x faster than patches^T . dy when
  // Co is small (a decoder's 4-8 channels), equal on C3D's layers.
  return b.node('Gemm', [b.reshape(dyChunk, [rows, g.outChannels]), b.reshape(patches, [rows, all.length * g.inChannels])], [int('transA', 1)]);
}

function perTapProducts(b: GraphBuilder, g: ConvGeometry, xp: string, dy: string): string {
  const rows = g.batch * g.out.reduce((a, c) => a * c, 1);
  const dy2 = b.reshape(dy, [rows, g.outChannels]);
  const perTap = taps(g.kernel).map((tap) => {
    const starts = tap.map((k, d) => k * g.dilations[d]);
    const slice = b.slice(xp, starts, starts.map((s, d) => s + g.strides[d] * (g.out[d] - 1) + 1), tap.map((_, d) => d + 1), g.strides);
    return b.node('Gemm', [b.reshape(slice, [rows, g.inChannels]), dy2], [int('transA', 1)]);
  });
  return perTap.length === 1 ? perTap[0] : b.node('Concat', perTap, [int('axis', 0)]);
}

export function nativeConvBackpropFilter(backend: BackendWasm, op: string, x: TensorInfo, dy: TensorInfo, g: ConvGeometry): TensorInfo | undefined {
  const fast = tryOnednnConv(backend, op, 'backward-weights', x, dy, g);
  if (fast !== undefined) return fast;
  if (!worthNative(g)) return undefined;
  const chunks = rowChunks(g);
  const [dw] = runPlan(backend, op, `${geometryKey(g)};${chunks?.length ?? 'per-tap'}`, {
    inputShapes: [x.shape, dy.shape],
    outputShapes: [[...g.kernel, g.inChannels, g.outChannels]],
    build: (b, [xi, dyi]) => {
      if (isPointwise(g) && g.strides.every((s) => s === 1)) {
        // dW = x^T . dy over positions: one GEMM, no patches.
        const dw2 = b.node('Gemm', [b.reshape(xi, [-1, g.inChannels]), b.reshape(dyi, [-1, g.outChannels])], [int('transA', 1)]);
        return [b.reshape(dw2, [...g.kernel, g.inChannels, g.outChannels])];
      }
      const xp = b.padOrCrop(xi, x.shape, [0, ...g.padBegin, 0], [0, ...g.padEnd, 0]);
      if (chunks === undefined) return [b.reshape(perTapProducts(b, g, xp, dyi), [...g.kernel, g.inChannels, g.outChannels])];
      const products = chunks.map((c) => chunkProduct(b, g, xp, dyi, c));
      const sum = products.length === 1 ? products[0] : b.node('Sum', products);
      return [b.reshape(b.transpose(sum, [1, 0]), [...g.kernel, g.inChannels, g.outChannels])];
    },
  }, [x, dy]);
  return dw;
}
