// SGD with momentum as PyTorch writes it (what mmaction2's recipes assume):
//   g = grad + lambda * w;  buf = mu * buf + g;  w -= lr * buf
import { tf } from '@lddm/runtime';
import { SlotOptimizer } from './slot-optimizer';

export interface SgdSettings {
  lr: number;
  momentum?: number;
  weightDecay?: number;
}

export class SgdOptimizer extends SlotOptimizer {
  static get className(): string {
    return 'LddmSgd';
  }
  readonly settings: Readonly<Required<SgdSettings>>;

  constructor(settings: SgdSettings) {
    super(settings.lr, (settings.momentum ?? 0) > 0 ? ['momentum'] : []);
    this.settings = Object.freeze({ momentum: 0, weightDecay: 0, ...settings });
  }

  protected update(w: tf.Variable, grad: tf.Tensor, s: Record<string, tf.Variable>): void {
    const { momentum, weightDecay } = this.settings;
    const g = weightDecay > 0 ? tf.add(grad, tf.mul(w, weightDecay)) : grad;
    let direction = g;
    if (s.momentum !== undefined) {
      s.momentum.assign(tf.add(tf.mul(s.momentum, momentum), g));
      direction = s.momentum;
    }
    w.assign(tf.sub(w, tf.mul(direction, this.learningRate)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.settings, learningRate: this.learningRate };
  }
}
