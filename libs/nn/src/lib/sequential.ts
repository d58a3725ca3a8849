// A chain of same-typed steps. Children are built from builders so that each one's random stream
// is named after its index ('0', '1', ...), like every other child in the tree.
import { tf, type Rng, type RandomSource } from '@lddm/runtime';
import { Layer } from './layer';
import type { Module } from './module';

/** Anything in the tree with a forward from T to T (a Layer, GroupNorm, Upsample, Activation, ...). */
export type Step<T extends tf.Tensor> = Module & { apply(x: T): T };

export class Sequential<T extends tf.Tensor> extends Layer<T, T> {
  private readonly steps: Array<Step<T>>;

  constructor(source: RandomSource, builders: ReadonlyArray<(rng: Rng) => Step<T>>) {
    super(source);
    this.steps = builders.map((build, i) => this.addModule(String(i), build));
  }

  get length(): number {
    return this.steps.length;
  }

  at(index: number): Step<T> {
    const step = this.steps[index];
    if (step === undefined) throw new Error(`${this.label}: no step ${index} (length ${this.steps.length})`);
    return step;
  }

  apply(x: T): T {
    return tf.tidy(() => this.steps.reduce((y, step) => step.apply(y), x));
  }
}
