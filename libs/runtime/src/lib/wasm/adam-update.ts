// One Adam / AdamW / AMSGrad update of a parameter and its moments as a single SIMD pass over
// the heap (assembly/adam-update.ts: float64 arithmetic per element). Composed from tfjs ops it is ~14 kernels per parameter
// tensor (plus scalar uploads): for a classifier with 38 parameter tensors, ~500 kernel calls of
// a ~1,000-call training step. The maths is in ops/adam-update.ts.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { booleanAttr, numberAttr } from './attrs';
import { allocate } from './heap';
import { defineWasmKernel, input } from './kernel';
import { address, simdKernels } from './simd';

export const ADAM_UPDATE = 'LddmAdamUpdate';
const op = ADAM_UPDATE;

export const adamUpdateKernel = defineWasmKernel({
  name: op,
  reason: 'added: fused Adam update (see ops/adam-update.ts)',
  inputs: (m) => ({ w: input(m, 'w', op), g: input(m, 'g', op), m: input(m, 'm', op), v: input(m, 'v', op), vmax: m['vmax'] }),
  attrs: (a) => ({
    lr: numberAttr(a, 'lr', op),
    beta1: numberAttr(a, 'beta1', op),
    beta2: numberAttr(a, 'beta2', op),
    epsilon: numberAttr(a, 'epsilon', op),
    weightDecay: numberAttr(a, 'weightDecay', op),
    decoupled: booleanAttr(a, 'decoupled', op),
    step: numberAttr(a, 'step', op),
  }),
  run: ({ w, g, m, v, vmax }, a, backend) => {
    const size = w.shape.reduce((p, d) => p * d, 1);
    for (const t of [g, m, v, ...(vmax === undefined ? [] : [vmax])]) {
      if (t.shape.reduce((p, d) => p * d, 1) !== size) throw new Error(`${op}: every operand must have ${size} elements, got [${t.shape}]`);
    }
    const outs: TensorInfo[] = [w, m, v, ...(vmax === undefined ? [] : [vmax])].map((t) => allocate(backend, t.shape));
    const { lr, beta1, beta2, epsilon, weightDecay, decoupled, step } = a;
    const at = (t: TensorInfo | undefined) => (t === undefined ? 0 : address(backend, t));
    simdKernels(backend).adamUpdate(
      at(w), at(g), at(m), at(v), at(vmax), at(outs[0]), at(outs[1]), at(outs[2]), at(outs[3]), size,
      lr, beta1, 1 - beta1, beta2, 1 - beta2, epsilon,
      decoupled ? 0 : weightDecay, // L2 (Adam): added to the gradient
      decoupled ? 1 - lr * weightDecay : 1, // decoupled (AdamW): shrinks the weight
      1 - beta1 ** step, 1 - beta2 ** step, // bias corrections
      vmax === undefined ? 0 : 1,
    );
    return outs;
  },
});
