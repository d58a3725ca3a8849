// Adam (Kingma & Ba 2015) with the two weight-decay forms and AMSGrad. tfjs' AdamOptimizer has
// neither AMSGrad (the cINN reference uses it) nor decoupled decay (AdamW), nor path-keyed state.
// The update's maths (and its fused wasm kernel) is @lddm/runtime's adamUpdate.
import { adamUpdate, tf } from '@lddm/runtime';
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
    const next = adamUpdate({ w, m: s.m, v: s.v, vmax: s.vmax }, grad, { ...this.settings, lr: this.learningRate, step: t });
    s.m.assign(next.m);
    s.v.assign(next.v);
    if (s.vmax !== undefined && next.vmax !== undefined) s.vmax.assign(next.vmax);
    w.assign(next.w);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.settings, learningRate: this.learningRate };
  }
}
