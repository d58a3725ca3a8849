// `bench:peer --check`: the project's weights, buffers and inputs as JSON for the PyTorch peer,
// which loads them into its network and evaluates the same deterministic case, so that the two
// networks are compared as functions, not only by parameter count. Tensors travel as base64 of
// their little-endian float32 / int32 bytes, in the project's (channels-last) layouts; the peer
// converts (torch_check.py).
import { Conv2d, Conv3d, Linear, type Module } from '@lddm/nn';
import { tf } from '@lddm/runtime';

export interface WireTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  /** base64 of the values' bytes. */
  data: string;
}

/** One parameter or buffer in the project's registration order (PyTorch registers in the same order). */
export interface WireEntry extends WireTensor {
  name: string;
  /** How the owning layer stores a weight: tfjs [in, out] / [k.., in, out] vs PyTorch [out, in] / [out, in, k..]. */
  layer: 'linear' | 'conv2d' | 'conv3d' | 'other';
}

export function wire(t: tf.Tensor): WireTensor {
  const values = t.dataSync();
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  return { shape: [...t.shape], dtype: t.dtype === 'int32' ? 'int32' : 'float32', data: bytes.toString('base64') };
}

export function unwire(w: WireTensor): Float32Array {
  const bytes = Buffer.from(w.data, 'base64');
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = w.dtype === 'int32' ? bytes.readInt32LE(4 * i) : bytes.readFloatLE(4 * i);
  return out;
}

const layerOf = (m: Module): WireEntry['layer'] => (m instanceof Linear ? 'linear' : m instanceof Conv2d ? 'conv2d' : m instanceof Conv3d ? 'conv3d' : 'other');

/** Trainable parameters and buffers of `module`, own before children's (Module.namedParameters' order). */
export function exportState(module: Module): { params: WireEntry[]; buffers: WireEntry[] } {
  const params: WireEntry[] = [];
  const buffers: WireEntry[] = [];
  const walk = (m: Module, prefix: string): void => {
    const own = (list: Array<[string, tf.Variable]>) => list.filter(([n]) => !n.includes('.'));
    for (const [n, v] of own(m.namedParameters())) if (v.trainable) params.push({ name: prefix + n, layer: layerOf(m), ...wire(v) });
    for (const [n, v] of own(m.namedBuffers())) buffers.push({ name: prefix + n, layer: layerOf(m), ...wire(v) });
    for (const [n, child] of m.namedChildren()) walk(child, `${prefix}${n}.`);
  };
  walk(module, '');
  return { params, buffers };
}

/**
 * Adds seeded Gaussian noise to every trainable variable (std: a fifth of the tensor's RMS, 0.05 for
 * an all-zero tensor), so that the check also exercises layers that start as the identity (the
 * zero-initialised last layers of the FiLM blocks and of the flow's coupling nets).
 */
export function perturb(module: Module, seed: number): void {
  module.parameters({ trainableOnly: true }).forEach((v, i) => {
    tf.tidy(() => {
      const rms = Math.sqrt(tf.mean(tf.square(v)).dataSync()[0]);
      const std = rms > 0 ? 0.2 * rms : 0.05;
      v.assign(tf.add(v, tf.randomNormal(v.shape, 0, std, 'float32', seed + i)));
    });
  });
}

/** sqrt(sum (a - b)^2 / sum b^2): the relative L2 error of `a` against `b`. */
export function relativeL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-30));
}
