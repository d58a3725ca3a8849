// One optimisation step over a module's trainable parameters, written out so that training loops
// stay short and leak nothing: the loss, the gradients and every intermediate are disposed here.
import { tf } from '@lddm/runtime';
import type { Module } from './module';

/**
 * Computes `lossFn()` and its gradients w.r.t. `module`'s trainable parameters, applies them with
 * `optimizer`, and returns the loss as a number. Frozen parameters and buffers are left alone.
 */
export function gradientStep(module: Module, lossFn: () => tf.Scalar, optimizer: tf.Optimizer): number {
  const variables = module.parameters({ trainableOnly: true });
  if (variables.length === 0) throw new Error(`gradientStep: ${module.label} has no trainable parameters`);
  const loss = optimizer.minimize(lossFn, true, variables);
  if (loss === null) throw new Error('gradientStep: the optimizer returned no loss');
  // A NaN loss is returned, not thrown: the update has already been applied, and the caller's
  // loop (which knows the step and the run) is the place to stop and say so.
  const value = loss.dataSync()[0];
  loss.dispose();
  return value;
}
