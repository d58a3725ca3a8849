// Copies weights into a module by dotted name (an EMA copy, a frozen encoder taken from a trained
// autoencoder, weights converted from PyTorch). Everything is checked before anything is
// assigned, so a mismatch leaves the module as it was, as runtime's restoreCheckpoint does.
import type { tf } from '@lddm/runtime';
import type { Module } from './module';

export function loadState(module: Module, weights: Record<string, tf.Tensor>): void {
  const targets = module.stateDict();
  const missing = Object.keys(targets).filter((name) => !(name in weights));
  const extra = Object.keys(weights).filter((name) => !(name in targets));
  const mismatched = Object.keys(targets)
    .filter((name) => name in weights && (weights[name].shape.join(',') !== targets[name].shape.join(',') || weights[name].dtype !== targets[name].dtype))
    .map((name) => `${name} (given ${weights[name].dtype}[${weights[name].shape}], expected ${targets[name].dtype}[${targets[name].shape}])`);
  const problems = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    extra.length > 0 ? `unexpected ${extra.join(', ')}` : '',
    mismatched.length > 0 ? `mismatched ${mismatched.join(', ')}` : '',
  ].filter((p) => p !== '');
  if (problems.length > 0) throw new Error(`loadState: the weights do not fit ${module.label}: ${problems.join('; ')}`);
  for (const [name, variable] of Object.entries(targets)) variable.assign(weights[name]);
}
