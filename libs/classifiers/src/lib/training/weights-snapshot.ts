// The best checkpoint kept in memory: copies of every parameter and buffer, restorable in place.
import type { Module } from '@lddm/nn';
import { tf } from '@lddm/runtime';

export class WeightsSnapshot {
  private readonly values: Map<string, tf.Tensor>;

  constructor(module: Module) {
    this.values = new Map(Object.entries(module.stateDict()).map(([name, v]) => [name, tf.clone(v)]));
  }

  /** Assigns the saved values back into `module`'s variables. */
  restore(module: Module): void {
    for (const [name, v] of Object.entries(module.stateDict())) {
      const saved = this.values.get(name);
      if (saved === undefined) throw new Error(`WeightsSnapshot: no saved value for ${name}`);
      v.assign(saved);
    }
  }

  dispose(): void {
    for (const t of this.values.values()) t.dispose();
    this.values.clear();
  }
}
