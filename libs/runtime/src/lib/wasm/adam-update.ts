// One Adam / AdamW / AMSGrad update of a parameter and its moments as a single pass over the
// heap (float64 arithmetic per element). Composed from tfjs ops it is ~14 kernels per parameter
// tensor (plus scalar uploads): for a classifier with 38 parameter tensors, ~500 kernel calls of
// a ~1,000-call training step. The maths is in ops/adam-update.ts.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { booleanAttr, numberAttr } from './attrs';
import { allocate, viewF32 } from './heap';
import { defineWasmKernel, input } from './kernel';

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
    const [ws, gs, ms, vs] = [w, g, m, v].map((t) => viewF32(backend, t, op));
    const vmaxs = vmax === undefined ? undefined : viewF32(backend, vmax, op);
    const [wo, mo, vo] = outs.slice(0, 3).map((t) => viewF32(backend, t, op));
    const vmaxo = vmax === undefined ? undefined : viewF32(backend, outs[3], op);
    const { lr, beta1, beta2, epsilon, weightDecay, decoupled, step } = a;
    const c1 = 1 - beta1 ** step;
    const c2 = 1 - beta2 ** step;
    const l2 = decoupled ? 0 : weightDecay;
    const keep = decoupled ? 1 - lr * weightDecay : 1;
    for (let i = 0; i < size; i++) {
      const gi = gs[i] + l2 * ws[i];
      const mi = beta1 * ms[i] + (1 - beta1) * gi;
      const vi = beta2 * vs[i] + (1 - beta2) * gi * gi;
      mo[i] = mi;
      vo[i] = vi;
      let vh = vi;
      if (vmaxs !== undefined && vmaxo !== undefined) {
        vh = Math.max(vmaxs[i], vi);
        vmaxo[i] = vh;
      }
      wo[i] = ws[i] * keep - (lr * (mi / c1)) / (Math.sqrt(vh / c2) + epsilon);
    }
    return outs;
  },
});
