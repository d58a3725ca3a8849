// One geometry for 2-D and 3-D channels-last convolutions, read from tfjs' own conv info so that
// 'same' / 'valid' / explicit padding and rounding mean what they mean in the forward op.
import { backend_util } from '@tensorflow/tfjs-core';
import type { Padding2D, RoundingMode } from '../wasm/attrs';

export interface ConvGeometry {
  batch: number;
  /** Spatial input sizes ([H, W] or [D, H, W]). */
  in: number[];
  /** Spatial output sizes. */
  out: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Negative where tfjs' 'same' puts the first window inside the input. */
  padBegin: number[];
  /** End padding that makes a floor-rounded conv produce exactly `out` (never negative). */
  padEnd: number[];
  inChannels: number;
  outChannels: number;
}

function finish(g: Omit<ConvGeometry, 'padEnd'>): ConvGeometry {
  const padEnd = g.in.map((size, i) => {
    const span = (g.out[i] - 1) * g.strides[i] + (g.kernel[i] - 1) * g.dilations[i] + 1;
    return Math.max(0, span - size - g.padBegin[i]);
  });
  return { ...g, padEnd };
}

export function conv2dGeometryNd(
  xShape: number[], filterShape: number[], strides: number[], dilations: number[], pad: Padding2D,
  rounding: RoundingMode | undefined,
): ConvGeometry {
  const [n, h, w, c] = xShape;
  const [kh, kw, , co] = filterShape;
  const info = backend_util.computeConv2DInfo(
    [n, h, w, c], [kh, kw, c, co], [strides[0], strides[1]], [dilations[0], dilations[1]], pad, rounding, false, 'channelsLast',
  );
  return finish({
    batch: n, in: [h, w], out: [info.outHeight, info.outWidth], kernel: [kh, kw],
    strides: [info.strideHeight, info.strideWidth], dilations: [info.dilationHeight, info.dilationWidth],
    padBegin: [info.padInfo.top, info.padInfo.left], inChannels: c, outChannels: co,
  });
}

export function conv3dGeometryNd(
  xShape: number[], filterShape: number[], strides: number[], dilations: number[], pad: 'same' | 'valid',
): ConvGeometry {
  const [n, d, h, w, c] = xShape;
  const [kd, kh, kw, , co] = filterShape;
  const info = backend_util.computeConv3DInfo(
    [n, d, h, w, c], [kd, kh, kw, c, co], [strides[0], strides[1], strides[2]], [dilations[0], dilations[1], dilations[2]], pad,
  );
  return finish({
    batch: n, in: [d, h, w], out: [info.outDepth, info.outHeight, info.outWidth], kernel: [kd, kh, kw],
    strides: [info.strideDepth, info.strideHeight, info.strideWidth],
    dilations: [info.dilationDepth, info.dilationHeight, info.dilationWidth],
    padBegin: [info.padInfo.front, info.padInfo.top, info.padInfo.left], inChannels: c, outChannels: co,
  });
}

/**
 * Whether a convolution is worth a native call. Each call transforms the filter into
 * onnxruntime's blocked layout (the weights are inputs, not constants), so few output positions
 * per weight lose to XNNPACK's cached packing (measured, VGG layers at batch 1: 4x4 and 8x8 maps
 * 2-5x slower natively, 16x16 and larger 1.5-2.5x faster), and tiny convolutions lose to the
 * call itself (smoke-profile shapes).
 */
export function worthNative(g: ConvGeometry): boolean {
  return outputPositions(g) >= MIN_POSITIONS && multiplyAdds(g) >= MIN_MACS;
}

/** Output positions over the batch. */
function outputPositions(g: ConvGeometry): number {
  return g.batch * g.out.reduce((a, b) => a * b, 1);
}

/** Multiply-adds of the forward convolution (each gradient costs the same). */
function multiplyAdds(g: ConvGeometry): number {
  return outputPositions(g) * g.kernel.reduce((a, b) => a * b, 1) * g.inChannels * g.outChannels;
}
export const MIN_POSITIONS = 256;
export const MIN_MACS = 1 << 20;

/**
 * The same question for oneDNN, which reorders only a small filter per call and reads the
 * activations in place: only convolutions too small to repay a call of ~10-20 us stay on wasm.
 * Measured (TDN, batch 64): a 1x1 filter gradient on 2x2 maps (262k MACs) took 8.9 ms in the
 * wasm kernel.
 */
export function worthOnednn(g: ConvGeometry): boolean {
  return multiplyAdds(g) >= MIN_ONEDNN_MACS;
}
export const MIN_ONEDNN_MACS = 1 << 14;

/** A 1x1(x1) convolution without padding: a matrix product over positions, channels-last. */
export function isPointwise(g: ConvGeometry): boolean {
  return g.kernel.every((k) => k === 1) && g.padBegin.every((p) => p === 0) && g.padEnd.every((p) => p === 0);
}

/** A cache key for a geometry (every field that changes the computation). */
export function geometryKey(g: ConvGeometry): string {
  return [g.batch, g.in, g.out, g.kernel, g.strides, g.dilations, g.padBegin, g.padEnd, g.inChannels, g.outChannels].join(';');
}

/** Permutations between channels-last ([N, ...S, C]) and channels-first ([N, C, ...S]). */
export function toChannelsFirst(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}
export function toChannelsLast(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}
/** tfjs filter [...K, C, Co] -> ONNX weight [Co, C, ...K]. */
export function filterToOnnx(spatial: number): number[] {
  return [spatial + 1, spatial, ...Array.from({ length: spatial }, (_, i) => i)];
}
