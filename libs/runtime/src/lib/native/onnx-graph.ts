// A small builder for the one-purpose ONNX graphs the native kernels run (one graph per kernel,
// shape and attributes). The wire format comes from `onnx-proto` (the ONNX schema compiled for
// protobufjs), so no protobuf is encoded by hand.
import { createRequire } from 'node:module';
import type { onnx as OnnxNamespace } from 'onnx-proto';

type Onnx = typeof OnnxNamespace;
let onnxModule: Onnx | undefined;

/** The onnx-proto namespace, loaded on first use (the native layer is optional). */
function onnx(): Onnx {
  if (onnxModule === undefined) {
    const loaded: { onnx: Onnx } = createRequire(import.meta.url)('onnx-proto');
    onnxModule = loaded.onnx;
  }
  return onnxModule;
}

// AttributeProto.AttributeType and TensorProto.DataType values (onnx.proto).
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_INTS = 7;
const FLOAT = 1;
const INT64 = 7;

export type Attr = { name: string; type: number; f?: number; i?: number; ints?: number[] };
export const ints = (name: string, values: number[]): Attr => ({ name, type: ATTR_INTS, ints: values });
export const int = (name: string, value: number): Attr => ({ name, type: ATTR_INT, i: value });
export const float = (name: string, value: number): Attr => ({ name, type: ATTR_FLOAT, f: value });

interface NodeSpec {
  opType: string;
  input: string[];
  output: string[];
  attribute: Attr[];
}

interface Initializer {
  name: string;
  dims: number[];
  dataType: number;
  int64Data?: number[];
  floatData?: number[];
}

/**
 * One graph under construction. Names are generated (`t0`, `t1`, ...) so kernels compose steps
 * without naming every intermediate; inputs and outputs keep the names the caller gives.
 */
export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: Initializer[] = [];
  private readonly inputs: { name: string; shape: number[] }[] = [];
  private readonly outputs: { name: string; shape: number[] }[] = [];
  private counter = 0;
  /** Values renamed to a graph output's name by output(). */
  private readonly renamed = new Map<string, string>();

  input(name: string, shape: number[]): string {
    this.inputs.push({ name, shape });
    return name;
  }

  /**
   * Marks `value` as graph output `name`: the node producing it writes `name` directly (no copy).
   * Only a graph input passed straight through, or a value that is already an output, takes an
   * Identity.
   */
  output(value: string, name: string, shape: number[]): void {
    const renamed = this.renamed.get(value);
    const producer = this.nodes.find((n) => n.output[0] === value);
    if (renamed !== undefined || producer === undefined) {
      this.node('Identity', [renamed ?? value], [], name);
    } else {
      producer.output = [name];
      for (const n of this.nodes) n.input = n.input.map((i) => (i === value ? name : i));
      this.renamed.set(value, name);
    }
    this.outputs.push({ name, shape });
  }

  /** Adds a node with one output and returns that output's name. */
  node(opType: string, input: string[], attribute: Attr[] = [], output?: string): string {
    const out = output ?? `t${this.counter++}`;
    this.nodes.push({ opType, input, output: [out], attribute });
    return out;
  }

  /** An int64 constant (shapes, axes, slice bounds, pads). */
  int64(values: number[], dims: number[] = [values.length]): string {
    const name = `c${this.counter++}`;
    this.initializers.push({ name, dims, dataType: INT64, int64Data: values });
    return name;
  }

  /** A float32 scalar constant. */
  scalar(value: number): string {
    const name = `c${this.counter++}`;
    this.initializers.push({ name, dims: [], dataType: FLOAT, floatData: [value] });
    return name;
  }

  /** A float32 constant of `dims`. */
  constFloat(values: number[], dims: number[]): string {
    const name = `c${this.counter++}`;
    this.initializers.push({ name, dims, dataType: FLOAT, floatData: values });
    return name;
  }

  transpose(x: string, perm: number[]): string {
    return perm.every((p, i) => p === i) ? x : this.node('Transpose', [x], [ints('perm', perm)]);
  }

  reshape(x: string, shape: number[]): string {
    return this.node('Reshape', [x, this.int64(shape)]);
  }

  /** Slice along `axes` (ONNX semantics: ends exclusive, negative steps walk backwards). */
  slice(x: string, starts: number[], ends: number[], axes: number[], steps: number[]): string {
    return this.node('Slice', [x, this.int64(starts), this.int64(ends), this.int64(axes), this.int64(steps)]);
  }

  /** Zero padding; `pads` lists every axis' begin amounts, then every axis' end amounts. */
  pad(x: string, pads: number[]): string {
    return pads.every((p) => p === 0) ? x : this.node('Pad', [x, this.int64(pads)]);
  }

  /**
   * Pads (positive amounts) and crops (negative amounts) the axes of `shape`: `begin[i]` /
   * `end[i]` apply to axis i. tfjs' 'same' padding can be negative (a window that starts inside
   * the input); ONNX pads cannot.
   */
  padOrCrop(x: string, shape: number[], begin: number[], end: number[]): string {
    const axes = shape.map((_, i) => i).filter((i) => begin[i] < 0 || end[i] < 0);
    const cropped = axes.length === 0 ? x : this.slice(
      x, axes.map((i) => Math.max(0, -begin[i])), axes.map((i) => shape[i] - Math.max(0, -end[i])), axes, axes.map(() => 1),
    );
    return this.pad(cropped, [...begin.map((p) => Math.max(0, p)), ...end.map((p) => Math.max(0, p))]);
  }

  /** The serialized ModelProto (opset 17, float32 I/O). */
  encode(): Uint8Array {
    const o = onnx();
    const valueInfo = (v: { name: string; shape: number[] }) => ({
      name: v.name,
      type: { tensorType: { elemType: FLOAT, shape: { dim: v.shape.map((d) => ({ dimValue: d })) } } },
    });
    const model = o.ModelProto.create({
      irVersion: 8,
      producerName: 'lddm-runtime',
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'kernel',
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs.map(valueInfo),
        output: this.outputs.map(valueInfo),
      },
    });
    return o.ModelProto.encode(model).finish();
  }
}
