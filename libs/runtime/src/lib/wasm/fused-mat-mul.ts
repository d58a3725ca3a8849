// _FusedMatMul (matmul + bias + activation, used by tf.fused.matMul and tfjs-layers' Dense) on
// top of the BatchMatMul replacement. The stock kernel shares BatchMatMul's scalar fallback and
// its shape-blind weight cache (same key when there is no bias and no activation).
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { _FusedMatMul, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { booleanAttr } from './attrs';
import { matMulInfo } from './batch-mat-mul';
import { dispose } from './heap';
import { defineWasmKernel, input } from './kernel';
import { runStock1 } from './stock';
import { nativeMatMul } from '../native/mat-mul';

type Activation = 'linear' | 'relu' | 'prelu' | 'elu' | 'relu6' | 'leakyrelu' | 'sigmoid';
const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'prelu', 'elu', 'relu6', 'leakyrelu', 'sigmoid'];

function activationAttr(m: NamedAttrMap): Activation {
  const v = m['activation'] ?? 'linear';
  const found = ACTIVATIONS.find((a) => a === v);
  if (found == null) throw new Error(`${_FusedMatMul}: unknown activation ${JSON.stringify(v)}`);
  return found;
}

function activate(backend: BackendWasm, y: TensorInfo, act: Activation, alpha: number, prelu?: TensorInfo): TensorInfo {
  switch (act) {
    case 'linear':
      return y;
    case 'relu':
      return runStock1('Relu', backend, { x: y });
    case 'relu6':
      return runStock1('Relu6', backend, { x: y });
    case 'elu':
      return runStock1('Elu', backend, { x: y });
    case 'sigmoid':
      return runStock1('Sigmoid', backend, { x: y });
    case 'leakyrelu':
      return runStock1('LeakyRelu', backend, { x: y }, { alpha });
    case 'prelu':
      if (prelu == null) throw new Error(`${_FusedMatMul}: prelu activation without preluActivationWeights`);
      return runStock1('Prelu', backend, { x: y, alpha: prelu });
  }
}

const op = _FusedMatMul;

export const fusedMatMulKernel = defineWasmKernel({
  name: op,
  reason: 'stock _FusedMatMul shares the scalar BatchMatMul fallback and the shape-blind weight cache',
  inputs: (m) => ({
    a: input(m, 'a', op),
    b: input(m, 'b', op),
    bias: m['bias'],
    prelu: m['preluActivationWeights'],
  }),
  attrs: (m) => ({
    transposeA: booleanAttr(m, 'transposeA', op, false),
    transposeB: booleanAttr(m, 'transposeB', op, false),
    activation: activationAttr(m),
    leakyreluAlpha: typeof m['leakyreluAlpha'] === 'number' ? m['leakyreluAlpha'] : 0.2,
  }),
  native: ({ a, b, bias }, at, backend) =>
    at.activation === 'prelu' ? undefined : nativeMatMul(backend, op, a, b, bias, { ...at, activation: at.activation }),
  run: ({ a, b, bias, prelu }, at, backend) => {
    const product = matMulInfo(backend, a, b, at.transposeA, at.transposeB);
    const biased = bias == null ? product : runStock1('Add', backend, { a: product, b: bias });
    if (biased !== product) dispose(backend, product);
    const out = activate(backend, biased, at.activation, at.leakyreluAlpha, prelu);
    if (out !== biased) dispose(backend, biased);
    return out;
  },
});
