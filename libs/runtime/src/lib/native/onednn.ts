// oneDNN, the CPU kernels PyTorch itself calls for convolutions, as an optional faster path: used
// only where the system has the library (Debian: `apt install libdnnl2`, oneDNN 2.x), detected at
// run time, and recorded with every run. Measured on TSM / C3D layer shapes, one thread: its
// brgemm convolutions read channels-last activations in place at 85-150 GFLOP/s where
// onnxruntime's MLAS Conv (after transposes) reached 22-30.
// It is called through koffi (npm: a prebuilt foreign-function interface, nothing compiled at
// install) on oneDNN's C API, which in 2.x takes plain structs by pointer; the structs are kept
// as opaque byte buffers of the sizes below (from dnnl_types.h 2.6, with headroom).
import { createRequire } from 'node:module';

/** An opaque C pointer returned by koffi. */
export type CPtr = object;
type Fn = (...args: unknown[]) => unknown;

interface Koffi {
  load(path: string): { func(declaration: string): Fn };
  decode(value: unknown, type: string): unknown;
  address(value: unknown): bigint;
}

/** sizeof(dnnl_memory_desc_t) is 696 and sizeof(dnnl_convolution_desc_t) 5976 in oneDNN 2.6. */
export const MEMORY_DESC_BYTES = 1024;
export const OP_DESC_BYTES = 8192;

/** The C API functions used (oneDNN 2.x names and signatures). */
export interface DnnlApi {
  memoryDescInitByTag(md: Buffer, ndims: number, dims: Buffer, dataType: number, tag: number): number;
  convForwardInit(
    desc: Buffer, prop: number, alg: number, src: Buffer, weights: Buffer, bias: null, dst: Buffer,
    strides: Buffer, dilates: Buffer, padL: Buffer, padR: Buffer,
  ): number;
  convBackwardDataInit(
    desc: Buffer, alg: number, diffSrc: Buffer, weights: Buffer, diffDst: Buffer,
    strides: Buffer, dilates: Buffer, padL: Buffer, padR: Buffer,
  ): number;
  convBackwardWeightsInit(
    desc: Buffer, alg: number, src: Buffer, diffWeights: Buffer, diffBias: null, diffDst: Buffer,
    strides: Buffer, dilates: Buffer, padL: Buffer, padR: Buffer,
  ): number;
  primitiveDescCreate(out: [CPtr | null], desc: Buffer, attr: null, engine: CPtr, hint: CPtr | null): number;
  reorderPrimitiveDescCreate(out: [CPtr | null], src: Buffer | CPtr, srcEngine: CPtr, dst: Buffer | CPtr, dstEngine: CPtr, attr: null): number;
  primitiveDescQueryMd(pd: CPtr, what: number, index: number): CPtr | null;
  primitiveDescQuery(pd: CPtr, what: number, index: number, result: Buffer): number;
  primitiveDescDestroy(pd: CPtr): number;
  memoryDescGetSize(md: Buffer | CPtr): number | bigint;
  memoryDescEqual(a: Buffer | CPtr, b: Buffer | CPtr): number;
  primitiveCreate(out: [CPtr | null], pd: CPtr): number;
  primitiveDestroy(p: CPtr): number;
  memoryCreate(out: [CPtr | null], md: Buffer | CPtr, engine: CPtr, handle: Float32Array | Buffer | null): number;
  memorySetDataHandle(memory: CPtr, handle: Float32Array | Buffer): number;
  memoryDestroy(memory: CPtr): number;
  primitiveExecute(p: CPtr, stream: CPtr, nargs: number, args: Buffer): number;
  streamWait(stream: CPtr): number;
  setThreads(n: number): void;
  address(pointer: CPtr): bigint;
  decodeString(buffer: Buffer): string;
}

export interface Dnnl {
  api: DnnlApi;
  engine: CPtr;
  stream: CPtr;
  version: string;
  /** The instruction set its JIT kernels use here, e.g. 'avx512_core'. */
  isa: string;
}

export const ONEDNN_LIBRARY = 'libdnnl.so.2';

const ISA_NAMES: Record<number, string> = {
  0x1: 'sse41', 0x3: 'avx', 0x7: 'avx2', 0x407: 'avx2_vnni', 0x27: 'avx512_core', 0x67: 'avx512_core_vnni',
  0xe7: 'avx512_core_bf16', 0x3e7: 'avx512_core_amx',
};

let loaded: Dnnl | undefined;
let loadError: string | undefined;

/** The library, or undefined with `onednnUnavailableReason()` saying why. Loaded once. */
export function onednn(): Dnnl | undefined {
  if (loaded !== undefined || loadError !== undefined) return loaded;
  try {
    loaded = load();
  } catch (error) {
    loadError = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  return loaded;
}

export function onednnUnavailableReason(): string | undefined {
  onednn();
  return loadError;
}

function load(): Dnnl {
  const koffi = createRequire(import.meta.url)('koffi') as Koffi;
  // Idle OpenMP workers sleep instead of spinning (they would take the other process's core);
  // libgomp reads this when it loads, so it is set before the library is.
  process.env['OMP_WAIT_POLICY'] ??= 'PASSIVE';
  let lib: { func(declaration: string): Fn };
  try {
    lib = koffi.load(ONEDNN_LIBRARY);
  } catch {
    throw new Error(`${ONEDNN_LIBRARY} not found (optional: apt install libdnnl2 for faster convolutions)`);
  }
  const f = (declaration: string) => lib.func(declaration);
  const versionOf = f('void* dnnl_version()');
  // dnnl_version_t starts with three ints: major, minor, patch.
  const [major, minor, patch] = koffi.decode(versionOf(), 'int[3]') as number[];
  const version = `${major}.${minor}.${patch}`;
  // oneDNN 3 replaced the descriptor-init functions used here with new ones.
  if (major !== 2) throw new Error(`oneDNN ${version} found; this layer speaks the 2.x C API`);
  const isa = ISA_NAMES[Number(f('int dnnl_get_effective_cpu_isa()')())] ?? 'unknown';
  const gomp = koffi.load('libgomp.so.1');
  const setThreads = gomp.func('void omp_set_num_threads(int)');
  const api: DnnlApi = {
    memoryDescInitByTag: f('int dnnl_memory_desc_init_by_tag(void* md, int nd, void* dims, int dt, int tag)') as DnnlApi['memoryDescInitByTag'],
    convForwardInit: f(
      'int dnnl_dilated_convolution_forward_desc_init(void* d, int prop, int alg, void* src, void* w, void* b, void* dst, void* st, void* dil, void* pl, void* pr)',
    ) as DnnlApi['convForwardInit'],
    convBackwardDataInit: f(
      'int dnnl_dilated_convolution_backward_data_desc_init(void* d, int alg, void* dsrc, void* w, void* ddst, void* st, void* dil, void* pl, void* pr)',
    ) as DnnlApi['convBackwardDataInit'],
    convBackwardWeightsInit: f(
      'int dnnl_dilated_convolution_backward_weights_desc_init(void* d, int alg, void* src, void* dw, void* db, void* ddst, void* st, void* dil, void* pl, void* pr)',
    ) as DnnlApi['convBackwardWeightsInit'],
    primitiveDescCreate: f('int dnnl_primitive_desc_create(_Out_ void** pd, void* d, void* attr, void* e, void* hint)') as DnnlApi['primitiveDescCreate'],
    reorderPrimitiveDescCreate: f(
      'int dnnl_reorder_primitive_desc_create(_Out_ void** pd, void* src, void* se, void* dst, void* de, void* attr)',
    ) as DnnlApi['reorderPrimitiveDescCreate'],
    primitiveDescQueryMd: f('void* dnnl_primitive_desc_query_md(void* pd, int what, int index)') as DnnlApi['primitiveDescQueryMd'],
    primitiveDescQuery: f('int dnnl_primitive_desc_query(void* pd, int what, int index, void* result)') as DnnlApi['primitiveDescQuery'],
    primitiveDescDestroy: f('int dnnl_primitive_desc_destroy(void* pd)') as DnnlApi['primitiveDescDestroy'],
    memoryDescGetSize: f('size_t dnnl_memory_desc_get_size(void* md)') as DnnlApi['memoryDescGetSize'],
    memoryDescEqual: f('int dnnl_memory_desc_equal(void* a, void* b)') as DnnlApi['memoryDescEqual'],
    primitiveCreate: f('int dnnl_primitive_create(_Out_ void** p, void* pd)') as DnnlApi['primitiveCreate'],
    primitiveDestroy: f('int dnnl_primitive_destroy(void* p)') as DnnlApi['primitiveDestroy'],
    memoryCreate: f('int dnnl_memory_create(_Out_ void** m, void* md, void* e, void* h)') as DnnlApi['memoryCreate'],
    memorySetDataHandle: f('int dnnl_memory_set_data_handle(void* m, void* h)') as DnnlApi['memorySetDataHandle'],
    memoryDestroy: f('int dnnl_memory_destroy(void* m)') as DnnlApi['memoryDestroy'],
    primitiveExecute: f('int dnnl_primitive_execute(void* p, void* s, int n, void* args)') as DnnlApi['primitiveExecute'],
    streamWait: f('int dnnl_stream_wait(void* s)') as DnnlApi['streamWait'],
    setThreads: (n) => void setThreads(n),
    address: (p) => koffi.address(p),
    decodeString: (b) => String(koffi.decode(b, 'const char*')),
  };
  const engine: [CPtr | null] = [null];
  check(f('int dnnl_engine_create(_Out_ void** e, int kind, size_t index)')(engine, ENGINE_CPU, 0) as number, 'dnnl_engine_create');
  const stream: [CPtr | null] = [null];
  check(f('int dnnl_stream_create(_Out_ void** s, void* e, unsigned int flags)')(stream, engine[0], STREAM_IN_ORDER) as number, 'dnnl_stream_create');
  return { api, engine: engine[0] as CPtr, stream: stream[0] as CPtr, version, isa };
}

const ENGINE_CPU = 1;
const STREAM_IN_ORDER = 1;

const STATUS = ['success', 'out_of_memory', 'invalid_arguments', 'unimplemented', 'iterator_ends', 'runtime_error', 'not_required'];

/** Throws on a oneDNN status other than success, naming the call. */
export function check(status: number, what: string): void {
  if (status !== 0) throw new Error(`${what}: oneDNN status ${STATUS[status] ?? status}`);
}
