// Adam (Kingma & Ba 2015) with the two weight-decay forms and AMSGrad. tfjs' AdamOptimizer has
// neither AMSGrad (the cINN reference uses it) nor decoupled decay (AdamW), nor path-keyed state.
//   g_t  = grad + lambda * w                       (decay 'l2', PyTorch's Adam weight_decay)
//   m_t  = b1 m + (1 - b1) g_t;  v_t = b2 v + (1 - b2) g_t^2
//   vh_t = max(vh_{t-1}, v_t)                      (AMSGrad; else vh_t = v_t)
//   w   -= lr * lambda * w                         (decay 'decoupled', Loshchilov & Hutter 2019)
//   w   -= lr * (m_t / (1 - b1^t)) / (sqrt(vh_t / (1 - b2^t)) + eps)
import { tf } from '@lddm/runtime';
import { SlotOptimizer } from './slot-optimizer';

export interface AdamSettings {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon?: number;
  weightDecay?: number;
  decay?: 'l2' | 'decoupled';
  amsgrad?: boolean;
}

export class AdamOptimizer extends SlotOptimizer {
  static get className(): string {
    return 'LddmAdam';
  }
  readonly settings: Readonly<Required<AdamSettings>>;

  constructor(settings: AdamSettings) {
    super(settings.lr, settings.amsgrad === true ? ['m', 'v', 'vmax'] : ['m', 'v']);
    this.settings = Object.freeze({ epsilon: 1e-8, weightDecay: 0, decay: 'l2', amsgrad: false, ...settings });
  }

  protected update(w: tf.Variable, grad: tf.Tensor, s: Record<string, tf.Variable>, t: number): void {
    const { beta1, beta2, epsilon, weightDecay, decay } = this.settings;
    const lr = this.learningRate;
    const g = weightDecay > 0 && decay === 'l2' ? tf.add(grad, tf.mul(w, weightDecay)) : grad;
    s.m.assign(tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1)));
    s.v.assign(tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
    let vhat: tf.Tensor = s.v;
    if (s.vmax !== undefined) {
      s.vmax.assign(tf.maximum(s.vmax, s.v));
      vhat = s.vmax;
    }
    const update = tf.div(tf.div(s.m, 1 - beta1 ** t), tf.add(tf.sqrt(tf.div(vhat, 1 - beta2 ** t)), epsilon));
    const decayed = weightDecay > 0 && decay === 'decoupled' ? tf.mul(w, 1 - lr * weightDecay) : w;
    w.assign(tf.sub(decayed, tf.mul(update, lr)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.settings, learningRate: this.learningRate };
  }
}
