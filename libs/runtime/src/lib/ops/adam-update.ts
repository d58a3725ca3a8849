// One Adam step of a parameter (Kingma & Ba 2015), with the two weight-decay forms and AMSGrad:
//   g_t  = grad + lambda * w                       (decay 'l2', PyTorch's Adam weight_decay)
//   m_t  = b1 m + (1 - b1) g_t;  v_t = b2 v + (1 - b2) g_t^2
//   vh_t = max(vh_{t-1}, v_t)                      (AMSGrad; else vh_t = v_t)
//   w   -= lr * lambda * w                         (decay 'decoupled', Loshchilov & Hutter 2019)
//   w   -= lr * (m_t / (1 - b1^t)) / (sqrt(vh_t / (1 - b2^t)) + eps)
// On wasm one fused kernel (wasm/adam-update.ts), elsewhere tfjs ops. Returns the new values;
// the optimiser assigns them to its variables.
import { tf } from '../tf';
import { ADAM_UPDATE } from '../wasm/adam-update';

export interface AdamStep {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  decay: 'l2' | 'decoupled';
  /** 1-based step count t (bias correction). */
  step: number;
}

export interface AdamState {
  w: tf.Tensor;
  m: tf.Tensor;
  v: tf.Tensor;
  /** AMSGrad's running maximum of v, when used. */
  vmax?: tf.Tensor;
}

function composite({ w, m, v, vmax }: AdamState, grad: tf.Tensor, s: AdamStep): AdamState {
  const g = s.weightDecay > 0 && s.decay === 'l2' ? tf.add(grad, tf.mul(w, s.weightDecay)) : grad;
  const m2 = tf.add(tf.mul(m, s.beta1), tf.mul(g, 1 - s.beta1));
  const v2 = tf.add(tf.mul(v, s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
  const vmax2 = vmax === undefined ? undefined : tf.maximum(vmax, v2);
  const update = tf.div(tf.div(m2, 1 - s.beta1 ** s.step), tf.add(tf.sqrt(tf.div(vmax2 ?? v2, 1 - s.beta2 ** s.step)), s.epsilon));
  const decayed = s.weightDecay > 0 && s.decay === 'decoupled' ? tf.mul(w, 1 - s.lr * s.weightDecay) : w;
  return { w: tf.sub(decayed, tf.mul(update, s.lr)), m: m2, v: v2, vmax: vmax2 };
}

export function adamUpdate(state: AdamState, grad: tf.Tensor, s: AdamStep): AdamState {
  if (tf.getBackend() !== 'wasm' || state.w.dtype !== 'float32' || grad.dtype !== 'float32') return composite(state, grad, s);
  const inputs: tf.NamedTensorMap = { w: state.w, g: grad, m: state.m, v: state.v };
  if (state.vmax !== undefined) inputs['vmax'] = state.vmax;
  const attrs = { lr: s.lr, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon, weightDecay: s.weightDecay, decoupled: s.decay === 'decoupled', step: s.step };
  const [w, m, v, vmax] = tf.engine().runKernel(ADAM_UPDATE, inputs, attrs) as tf.Tensor[];
  return { w, m, v, vmax };
}
