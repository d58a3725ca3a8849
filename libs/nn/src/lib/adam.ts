// Adam (Kingma & Ba 2015) with the two weight-decay forms and AMSGrad, as one tf.Optimizer so
// that checkpoints (getWeights / setWeights) and minimize() work as for tfjs' own optimizers.
// tfjs' AdamOptimizer has neither AMSGrad (the cINN reference uses it) nor decoupled decay (AdamW).
//   g_t  = grad + lambda * w                       (decay 'l2', PyTorch's Adam weight_decay)
//   m_t  = b1 m + (1 - b1) g_t;  v_t = b2 v + (1 - b2) g_t^2
//   vh_t = max(vh_{t-1}, v_t)                      (AMSGrad; else vh_t = v_t)
//   w   -= lr * (m_t / (1 - b1^t)) / (sqrt(vh_t / (1 - b2^t)) + eps)
//   w   -= lr * lambda * w                         (decay 'decoupled', Loshchilov & Hutter 2019, applied first)
import { tf } from '@lddm/runtime';

export interface AdamSettings {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon?: number;
  weightDecay?: number;
  decay?: 'l2' | 'decoupled';
  amsgrad?: boolean;
}

interface Slots {
  m: tf.Variable;
  v: tf.Variable;
  vmax?: tf.Variable;
}

interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

type Grads = NamedTensorMap | NamedTensor[];

export class AdamOptimizer extends tf.Optimizer {
  static override get className(): string {
    return 'LddmAdam';
  }
  learningRate: number;
  readonly settings: Readonly<Required<AdamSettings>>;
  private readonly slots = new Map<string, Slots>();

  constructor(settings: AdamSettings) {
    super();
    this.settings = Object.freeze({ epsilon: 1e-8, weightDecay: 0, decay: 'l2', amsgrad: false, ...settings });
    this.learningRate = settings.lr;
  }

  applyGradients(variableGradients: Grads): void {
    const entries = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    this.incrementIterations();
    const { beta1, beta2, epsilon, weightDecay, decay } = this.settings;
    const t = this.iterations;
    const lr = this.learningRate;
    const bias1 = 1 - beta1 ** t;
    const bias2 = 1 - beta2 ** t;
    tf.tidy(() => {
      for (const [name, grad] of entries) {
        if (grad == null) continue;
        const variable = tf.engine().registeredVariables[name];
        if (variable === undefined) throw new Error(`AdamOptimizer: no variable named ${name}`);
        const s = this.slotsFor(name, variable);
        const g = weightDecay > 0 && decay === 'l2' ? tf.add(grad, tf.mul(variable, weightDecay)) : grad;
        s.m.assign(tf.add(tf.mul(s.m, beta1), tf.mul(g, 1 - beta1)));
        s.v.assign(tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        let vhat: tf.Tensor = s.v;
        if (s.vmax !== undefined) {
          s.vmax.assign(tf.maximum(s.vmax, s.v));
          vhat = s.vmax;
        }
        const update = tf.div(tf.div(s.m, bias1), tf.add(tf.sqrt(tf.div(vhat, bias2)), epsilon));
        const decayed = weightDecay > 0 && decay === 'decoupled' ? tf.mul(variable, 1 - lr * weightDecay) : variable;
        variable.assign(tf.sub(decayed, tf.mul(update, lr)));
      }
    });
  }

  private slotsFor(name: string, variable: tf.Variable): Slots {
    const known = this.slots.get(name);
    if (known !== undefined) return known;
    const slot = () => tf.keep(tf.zerosLike(variable).variable(false));
    const made: Slots = { m: slot(), v: slot(), ...(this.settings.amsgrad ? { vmax: slot() } : {}) };
    this.slots.set(name, made);
    return made;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    for (const [name, s] of this.slots) {
      out.push({ name: `${name}/m`, tensor: s.m }, { name: `${name}/v`, tensor: s.v });
      if (s.vmax !== undefined) out.push({ name: `${name}/vmax`, tensor: s.vmax });
    }
    return out;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const byVar = new Map<string, Record<string, tf.Tensor>>();
    for (const { name, tensor } of rest) {
      const cut = name.lastIndexOf('/');
      const entry = byVar.get(name.slice(0, cut)) ?? {};
      entry[name.slice(cut + 1)] = tensor;
      byVar.set(name.slice(0, cut), entry);
    }
    for (const [name, saved] of byVar) {
      const variable = tf.engine().registeredVariables[name];
      if (variable === undefined) throw new Error(`AdamOptimizer.setWeights: no variable named ${name}`);
      const s = this.slotsFor(name, variable);
      if (saved.m !== undefined) s.m.assign(saved.m);
      if (saved.v !== undefined) s.v.assign(saved.v);
      if (s.vmax !== undefined && saved.vmax !== undefined) s.vmax.assign(saved.vmax);
    }
  }

  override dispose(): void {
    for (const s of this.slots.values()) tf.dispose([s.m, s.v, ...(s.vmax ? [s.vmax] : [])]);
    this.slots.clear();
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...this.settings, learningRate: this.learningRate };
  }
}
