// Typed readers for kernel attributes. tfjs passes attributes as an untyped NamedAttrMap; each
// reader checks one attribute and names the op in its error, so kernels never cast.
import type { NamedAttrMap } from '@tensorflow/tfjs-core';

export type ExplicitPadding2D = [[number, number], [number, number], [number, number], [number, number]];
export type Padding2D = 'same' | 'valid' | number | ExplicitPadding2D;
export type RoundingMode = 'floor' | 'round' | 'ceil';
export type Padding3D = 'same' | 'valid' | number;

function oneOf<T extends string>(v: unknown, options: readonly T[]): v is T {
  return typeof v === 'string' && options.some((o) => o === v);
}

function fail(op: string, key: string, expected: string, got: unknown): never {
  throw new Error(`${op}: attribute '${key}' must be ${expected}, got ${JSON.stringify(got)}`);
}

export function numberAttr(map: NamedAttrMap, key: string, op: string): number {
  const v = map[key];
  if (typeof v !== 'number') fail(op, key, 'a number', v);
  return v;
}

export function booleanAttr(map: NamedAttrMap, key: string, op: string, fallback?: boolean): boolean {
  const v = map[key];
  if (v == null && fallback !== undefined) return fallback;
  if (typeof v !== 'boolean') fail(op, key, 'a boolean', v);
  return v;
}

export function numbersAttr(map: NamedAttrMap, key: string, op: string): number[] {
  const v = map[key];
  if (typeof v === 'number') return [v];
  if (!Array.isArray(v)) fail(op, key, 'a number or a list of numbers', v);
  return v.map((x) => (typeof x === 'number' ? x : fail(op, key, 'a list of numbers', v)));
}

/** A scalar-or-tuple attribute (strides, dilations, filterSize), expanded to `n` numbers. */
export function tupleAttr(map: NamedAttrMap, key: string, n: number, op: string, fallback?: number): number[] {
  if (map[key] == null && fallback !== undefined) return new Array<number>(n).fill(fallback);
  const v = numbersAttr(map, key, op);
  if (v.length === 1) return new Array<number>(n).fill(v[0]);
  if (v.length !== n) fail(op, key, `a number or ${n} numbers`, v);
  return v;
}

export function shapeAttr(map: NamedAttrMap, key: string, rank: number, op: string): number[] {
  const v = numbersAttr(map, key, op);
  if (v.length !== rank) fail(op, key, `a shape of rank ${rank}`, v);
  return v;
}

function isPair(x: unknown): x is [number, number] {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'number';
}

export function padding2dAttr(map: NamedAttrMap, key: string, op: string): Padding2D {
  const v = map[key];
  if (oneOf(v, ['same', 'valid'] as const) || typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 4 && isPair(v[0]) && isPair(v[1]) && isPair(v[2]) && isPair(v[3])) {
    return [v[0], v[1], v[2], v[3]];
  }
  return fail(op, key, "'same', 'valid', a number or [[t,b],[l,r]] explicit padding for NHWC", v);
}

export function padding3dAttr(map: NamedAttrMap, key: string, op: string): Padding3D {
  const v = map[key];
  if (oneOf(v, ['same', 'valid'] as const) || typeof v === 'number') return v;
  return fail(op, key, "'same', 'valid' or a number", v);
}

export function roundingAttr(map: NamedAttrMap, key: string, op: string): RoundingMode | undefined {
  const v = map[key];
  if (v == null) return undefined;
  if (oneOf(v, ['floor', 'round', 'ceil'] as const)) return v;
  return fail(op, key, "'floor', 'round' or 'ceil'", v);
}

/** Data formats other than channels-last are rejected: the replacements assume NHWC / NDHWC. */
export function channelsLastAttr(map: NamedAttrMap, key: string, op: string): void {
  const v = map[key];
  if (v == null || v === 'NHWC' || v === 'NDHWC' || v === 'channelsLast') return;
  fail(op, key, "channels-last ('NHWC' / 'NDHWC')", v);
}

export function sameOrValidAttr(map: NamedAttrMap, key: string, op: string): 'same' | 'valid' {
  const v = map[key];
  if (oneOf(v, ['same', 'valid'] as const)) return v;
  return fail(op, key, "'same' or 'valid'", v);
}

export interface Conv2dBackpropAttrs {
  strides: number[];
  pad: Padding2D;
  dimRoundingMode: RoundingMode | undefined;
  /** The forward filter's shape (filter gradient) or the forward input's shape (input gradient). */
  shape: number[];
}

/** The attributes both conv2d gradient kernels share; `shapeKey` names the shape they rebuild. */
export function conv2dBackpropAttrs(
  map: NamedAttrMap, shapeKey: 'filterShape' | 'inputShape', op: string,
): Conv2dBackpropAttrs {
  channelsLastAttr(map, 'dataFormat', op);
  return {
    strides: tupleAttr(map, 'strides', 2, op),
    pad: padding2dAttr(map, 'pad', op),
    dimRoundingMode: roundingAttr(map, 'dimRoundingMode', op),
    shape: shapeAttr(map, shapeKey, 4, op),
  };
}
