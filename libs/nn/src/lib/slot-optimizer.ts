// Optimisers whose per-parameter state ("slots": Adam's m and v, SGD's momentum buffer) is kept
// by variable and can be exported and imported by the MODULE's parameter paths. tfjs names
// variables with a process-wide counter, so names saved by tfjs' own optimizers do not match the
// variables of a model rebuilt in another process; paths like `decoder.block0.conv0.weight` do.
import { tf } from '@lddm/runtime';

interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

export type Grads = tf.NamedTensorMap | NamedTensor[];

export abstract class SlotOptimizer extends tf.Optimizer {
  learningRate: number;
  private readonly slots = new Map<string, Record<string, tf.Variable>>();

  protected constructor(
    lr: number,
    private readonly slotNames: readonly string[],
  ) {
    super();
    this.learningRate = lr;
  }

  /** Updates one variable in place given its gradient and its slots (called inside a tidy). */
  protected abstract update(variable: tf.Variable, grad: tf.Tensor, slots: Record<string, tf.Variable>, step: number): void;

  applyGradients(variableGradients: Grads): void {
    const entries = Array.isArray(variableGradients) ? variableGradients.map((g) => [g.name, g.tensor] as const) : Object.entries(variableGradients);
    this.incrementIterations();
    const step = this.iterations;
    tf.tidy(() => {
      for (const [name, grad] of entries) {
        if (grad == null) continue;
        const variable = tf.engine().registeredVariables[name];
        if (variable === undefined) throw new Error(`${this.getClassName()}: no variable named ${name}`);
        this.update(variable, grad, this.slotsFor(variable), step);
      }
    });
  }

  private slotsFor(variable: tf.Variable): Record<string, tf.Variable> {
    const known = this.slots.get(variable.name);
    if (known !== undefined) return known;
    const made = Object.fromEntries(this.slotNames.map((s) => [s, tf.keep(tf.zerosLike(variable).variable(false))]));
    this.slots.set(variable.name, made);
    return made;
  }

  /** Slots and step count keyed by parameter path: `${path}/${slot}` plus `__step__`. */
  exportState(named: Array<[string, tf.Variable]>): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = { __step__: tf.scalar(this.iterations, 'int32') };
    for (const [path, variable] of named) {
      const s = this.slots.get(variable.name);
      if (s === undefined) continue;
      for (const [slot, v] of Object.entries(s)) out[`${path}/${slot}`] = tf.clone(v);
    }
    return out;
  }

  /** The inverse of exportState on a model with the same parameter paths. */
  importState(named: Array<[string, tf.Variable]>, state: Record<string, tf.Tensor>): void {
    const step = state.__step__;
    if (step === undefined) throw new Error(`${this.getClassName()}: the saved optimizer state has no step count`);
    this.iterations_ = step.dataSync()[0];
    for (const [path, variable] of named) {
      for (const slot of this.slotNames) {
        const saved = state[`${path}/${slot}`];
        if (saved === undefined) continue;
        if (saved.shape.join() !== variable.shape.join()) throw new Error(`${this.getClassName()}: saved ${path}/${slot} has shape [${saved.shape}], the parameter [${variable.shape}]`);
        this.slotsFor(variable)[slot].assign(saved);
      }
    }
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    for (const [name, s] of this.slots) for (const [slot, v] of Object.entries(s)) out.push({ name: `${name}/${slot}`, tensor: v });
    return out;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    for (const { name, tensor } of await this.extractIterations(weightValues)) {
      const cut = name.lastIndexOf('/');
      const variable = tf.engine().registeredVariables[name.slice(0, cut)];
      if (variable === undefined) throw new Error(`${this.getClassName()}.setWeights: no variable named ${name.slice(0, cut)}`);
      this.slotsFor(variable)[name.slice(cut + 1)]?.assign(tensor);
    }
  }

  override dispose(): void {
    for (const s of this.slots.values()) tf.dispose(Object.values(s));
    this.slots.clear();
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate };
  }
}
