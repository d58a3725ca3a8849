// Convolution forward and both gradients (2-D and 3-D, channels-last, groups 1) on oneDNN.
// Activations and gradients stay channels-last on the wasm heap and are read and written in place
// (oneDNN's brgemm kernels take NHWC / NDHWC directly); only the filter moves, into the blocked
// layout the chosen kernel asks for ('any'), by a reorder primitive each call (filters are small).
// Primitives are created once per direction, geometry and thread count and cached.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { allocate, viewF32 } from '../wasm/heap';
import { geometryKey, worthOnednn, type ConvGeometry } from './conv-geometry';
import { check, MEMORY_DESC_BYTES, OP_DESC_BYTES, onednn, type CPtr, type Dnnl } from './onednn';
import { nativeThreads, noteNativeFailure, noteNativeRun, onednnEnabled } from './settings';

export type ConvDirection = 'forward' | 'backward-data' | 'backward-weights';

// dnnl_types.h 2.6 values.
const F32 = 3;
const TAG_ANY = 1;
const ACTIVATION_TAG: Record<number, number> = { 2: 20 /* nhwc */, 3: 21 /* ndhwc */ };
const FILTER_TAG: Record<number, number> = { 2: 30 /* hwio */, 3: 32 /* dhwio */ };
const FORWARD_TRAINING = 64;
const CONVOLUTION_DIRECT = 1;
const QUERY = { weights: 131, diffWeights: 132, implInfo: 8 } as const;
const ARG = { src: 1, dst: 17, weights: 33, diffSrc: 129, diffDst: 145, diffWeights: 161, from: 1, to: 17 } as const;

interface Step {
  primitive: CPtr;
  args: Buffer;
  count: number;
}

interface Plan {
  /** Memories whose data handles are the kernel's two inputs and its output, set per call. */
  inputs: [CPtr, CPtr];
  output: CPtr;
  steps: Step[];
  /** oneDNN's name for the convolution kernel it chose, e.g. 'brgconv:avx512_core'. */
  impl: string;
  /** Everything to destroy on eviction, and buffers that must outlive the plan's memories. */
  owned: { primitives: CPtr[]; memories: CPtr[]; buffers: Buffer[] };
}

const MAX_PLANS = 512;
const plans = new Map<string, Plan>();
const refused = new Map<string, Error>();
let threadsSet = 0;

function dims(values: number[]): Buffer {
  const b = Buffer.alloc(12 * 8);
  values.forEach((v, i) => b.writeBigInt64LE(BigInt(v), 8 * i));
  return b;
}

function memoryDesc(d: Dnnl, shape: number[], tag: number): Buffer {
  const md = Buffer.alloc(MEMORY_DESC_BYTES);
  check(d.api.memoryDescInitByTag(md, shape.length, dims(shape), F32, tag), 'dnnl_memory_desc_init_by_tag');
  return md;
}

function out<T>(call: (slot: [T | null]) => number, what: string): T {
  const slot: [T | null] = [null];
  check(call(slot), what);
  if (slot[0] === null) throw new Error(`${what}: returned no object`);
  return slot[0];
}

function argsBuffer(d: Dnnl, list: Array<[number, CPtr]>): Buffer {
  const b = Buffer.alloc(16 * list.length);
  list.forEach(([arg, memory], i) => {
    b.writeInt32LE(arg, 16 * i);
    b.writeBigUInt64LE(d.api.address(memory), 16 * i + 8);
  });
  return b;
}

/** Builds the plan of one direction; all oneDNN objects it creates end up in `owned`. */
function build(d: Dnnl, dir: ConvDirection, g: ConvGeometry): Plan {
  const { api, engine } = d;
  const spatial = g.in.length;
  const owned: Plan['owned'] = { primitives: [], memories: [], buffers: [] };
  // oneDNN's logical dims are always N, C, spatial... / O, I, spatial...; the tags give the layout.
  const srcShape = [g.batch, g.inChannels, ...g.in];
  const dstShape = [g.batch, g.outChannels, ...g.out];
  const filterShape = [g.outChannels, g.inChannels, ...g.kernel];
  const src = memoryDesc(d, srcShape, ACTIVATION_TAG[spatial]);
  const dst = memoryDesc(d, dstShape, ACTIVATION_TAG[spatial]);
  const filterUser = memoryDesc(d, filterShape, FILTER_TAG[spatial]);
  const filterAny = memoryDesc(d, filterShape, TAG_ANY);
  const strides = dims(g.strides);
  const dilates = dims(g.dilations.map((x) => x - 1)); // oneDNN counts the gaps: 0 = dense
  const padL = dims(g.padBegin);
  const padR = dims(g.padEnd);

  const memory = (md: Buffer | CPtr, handle: Buffer | null): CPtr => {
    const m = out<CPtr>((slot) => api.memoryCreate(slot, md, engine, handle), 'dnnl_memory_create');
    owned.memories.push(m);
    return m;
  };
  const primitive = (pd: CPtr): CPtr => {
    const p = out<CPtr>((slot) => api.primitiveCreate(slot, pd), 'dnnl_primitive_create');
    owned.primitives.push(p);
    return p;
  };
  const pds: CPtr[] = [];
  const primitiveDesc = (desc: Buffer, hint: CPtr | null): CPtr => {
    const pd = out<CPtr>((slot) => api.primitiveDescCreate(slot, desc, null, engine, hint), 'dnnl_primitive_desc_create');
    pds.push(pd);
    return pd;
  };
  /** A filter memory in the layout `pd` wants, with a reorder from/to the user's filter memory. */
  const filterIn = (pd: CPtr, query: number, user: CPtr, toUser: boolean): { memory: CPtr; reorder?: Step } => {
    const wanted = api.primitiveDescQueryMd(pd, query, 0);
    if (wanted === null) throw new Error('dnnl_primitive_desc_query_md: no filter memory descriptor');
    if (api.memoryDescEqual(wanted, filterUser) === 1) return { memory: user };
    const buffer = Buffer.alloc(Number(api.memoryDescGetSize(wanted)));
    owned.buffers.push(buffer);
    const internal = memory(wanted, buffer);
    const reorderPd = toUser
      ? out<CPtr>((slot) => api.reorderPrimitiveDescCreate(slot, wanted, engine, filterUser, engine, null), 'dnnl_reorder_primitive_desc_create')
      : out<CPtr>((slot) => api.reorderPrimitiveDescCreate(slot, filterUser, engine, wanted, engine, null), 'dnnl_reorder_primitive_desc_create');
    pds.push(reorderPd);
    const args = toUser ? argsBuffer(d, [[ARG.from, internal], [ARG.to, user]]) : argsBuffer(d, [[ARG.from, user], [ARG.to, internal]]);
    return { memory: internal, reorder: { primitive: primitive(reorderPd), args, count: 2 } };
  };
  const implOf = (pd: CPtr): string => {
    const r = Buffer.alloc(8);
    return api.primitiveDescQuery(pd, QUERY.implInfo, 0, r) === 0 ? api.decodeString(r) : 'unknown';
  };

  try {
    const forwardDesc = Buffer.alloc(OP_DESC_BYTES);
    check(
      api.convForwardInit(forwardDesc, FORWARD_TRAINING, CONVOLUTION_DIRECT, src, filterAny, null, dst, strides, dilates, padL, padR),
      'dnnl_dilated_convolution_forward_desc_init',
    );
    const forwardPd = primitiveDesc(forwardDesc, null);
    const userFilter = memory(filterUser, null);
    if (dir === 'forward') {
      const x = memory(src, null);
      const y = memory(dst, null);
      const w = filterIn(forwardPd, QUERY.weights, userFilter, false);
      const conv = { primitive: primitive(forwardPd), args: argsBuffer(d, [[ARG.src, x], [ARG.weights, w.memory], [ARG.dst, y]]), count: 3 };
      return { inputs: [x, userFilter], output: y, steps: w.reorder ? [w.reorder, conv] : [conv], impl: implOf(forwardPd), owned };
    }
    if (dir === 'backward-data') {
      const desc = Buffer.alloc(OP_DESC_BYTES);
      check(
        api.convBackwardDataInit(desc, CONVOLUTION_DIRECT, src, filterAny, dst, strides, dilates, padL, padR),
        'dnnl_dilated_convolution_backward_data_desc_init',
      );
      const pd = primitiveDesc(desc, forwardPd);
      const dy = memory(dst, null);
      const dx = memory(src, null);
      const w = filterIn(pd, QUERY.weights, userFilter, false);
      const conv = { primitive: primitive(pd), args: argsBuffer(d, [[ARG.diffDst, dy], [ARG.weights, w.memory], [ARG.diffSrc, dx]]), count: 3 };
      return { inputs: [dy, userFilter], output: dx, steps: w.reorder ? [w.reorder, conv] : [conv], impl: implOf(pd), owned };
    }
    const desc = Buffer.alloc(OP_DESC_BYTES);
    check(
      api.convBackwardWeightsInit(desc, CONVOLUTION_DIRECT, src, filterAny, null, dst, strides, dilates, padL, padR),
      'dnnl_dilated_convolution_backward_weights_desc_init',
    );
    const pd = primitiveDesc(desc, forwardPd);
    const x = memory(src, null);
    const dy = memory(dst, null);
    const dw = filterIn(pd, QUERY.diffWeights, userFilter, true);
    const conv = { primitive: primitive(pd), args: argsBuffer(d, [[ARG.src, x], [ARG.diffDst, dy], [ARG.diffWeights, dw.memory]]), count: 3 };
    return { inputs: [x, dy], output: userFilter, steps: dw.reorder ? [conv, dw.reorder] : [conv], impl: implOf(pd), owned };
  } catch (error) {
    destroy(d, owned);
    throw error;
  } finally {
    // A primitive keeps what it needs from its descriptor.
    for (const pd of pds) api.primitiveDescDestroy(pd);
  }
}

function destroy(d: Dnnl, owned: Plan['owned']): void {
  for (const p of owned.primitives) d.api.primitiveDestroy(p);
  for (const m of owned.memories) d.api.memoryDestroy(m);
}

function planFor(d: Dnnl, dir: ConvDirection, g: ConvGeometry, threads: number): Plan {
  const key = `${dir}|${threads}|${geometryKey(g)}`;
  const cached = plans.get(key);
  if (cached !== undefined) {
    plans.delete(key); // re-insert: Map order is the eviction order
    plans.set(key, cached);
    return cached;
  }
  // A geometry oneDNN refused is not rebuilt on every call: the same error is thrown again.
  const refusal = refused.get(key);
  if (refusal !== undefined) throw refusal;
  let plan: Plan;
  try {
    plan = build(d, dir, g);
  } catch (error) {
    refused.set(key, error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  if (process.env['LDDM_NATIVE_DEBUG']) console.error(`onednn ${key}: ${plan.impl}`);
  plans.set(key, plan);
  if (plans.size > MAX_PLANS) {
    const [oldest, p] = plans.entries().next().value as [string, Plan];
    plans.delete(oldest);
    destroy(d, p.owned);
  }
  return plan;
}

/** Output shape of a direction: y, dx or dW (tfjs layouts). */
function outputShape(dir: ConvDirection, g: ConvGeometry): number[] {
  if (dir === 'forward') return [g.batch, ...g.out, g.outChannels];
  if (dir === 'backward-data') return [g.batch, ...g.in, g.inChannels];
  return [...g.kernel, g.inChannels, g.outChannels];
}

/**
 * Runs one direction on oneDNN: forward (x, filter) -> y, backward-data (dy, filter) -> dx,
 * backward-weights (x, dy) -> dW. Undefined where oneDNN is absent or the geometry is one it
 * cannot take (negative padding from tfjs 'same' windows inside the input).
 */
function onednnConv(
  backend: BackendWasm, op: string, dir: ConvDirection, a: TensorInfo, b: TensorInfo, g: ConvGeometry,
): TensorInfo | undefined {
  const d = onednn();
  if (d === undefined || g.padBegin.some((p) => p < 0) || !(g.in.length in ACTIVATION_TAG)) return undefined;
  const threads = nativeThreads();
  if (threads !== threadsSet) {
    d.api.setThreads(threads);
    threadsSet = threads;
  }
  const plan = planFor(d, dir, g, threads);
  const y = allocate(backend, outputShape(dir, g));
  try {
    // Views after allocating: allocation may grow (and so detach) the heap.
    check(d.api.memorySetDataHandle(plan.inputs[0], viewF32(backend, a, op)), 'dnnl_memory_set_data_handle');
    check(d.api.memorySetDataHandle(plan.inputs[1], viewF32(backend, b, op)), 'dnnl_memory_set_data_handle');
    check(d.api.memorySetDataHandle(plan.output, viewF32(backend, y, op)), 'dnnl_memory_set_data_handle');
    for (const s of plan.steps) check(d.api.primitiveExecute(s.primitive, d.stream, s.count, s.args), 'dnnl_primitive_execute');
    check(d.api.streamWait(d.stream), 'dnnl_stream_wait');
  } catch (error) {
    backend.disposeData(y.dataId);
    throw error;
  }
  noteNativeRun(`${op}@onednn`);
  return y;
}

/**
 * oneDNN first where it is enabled (runtime.native auto and the library present); undefined lets
 * the caller's onnxruntime path run, also after a oneDNN error (warned once, recorded).
 */
export function tryOnednnConv(
  backend: BackendWasm, op: string, dir: ConvDirection, a: TensorInfo, b: TensorInfo, g: ConvGeometry,
): TensorInfo | undefined {
  if (!onednnEnabled() || !worthOnednn(g)) return undefined;
  try {
    return onednnConv(backend, op, dir, a, b, g);
  } catch (error) {
    noteNativeFailure(`${op}@onednn`, error, 'onnxruntime');
    return undefined;
  }
}

export function onednnPlanCount(): number {
  return plans.size;
}

/** Destroys every cached oneDNN plan (tests). */
export function clearOnednnPlans(): void {
  const d = onednn();
  if (d !== undefined) for (const p of plans.values()) destroy(d, p.owned);
  plans.clear();
  refused.clear();
}
