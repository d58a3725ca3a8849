// Restoring a checkpoint into live variables and an optimizer. Everything is checked before
// anything is assigned, so a mismatched checkpoint leaves the model as it was.
import { tf } from './tf';
import { loadCheckpoint, optimizerVariables, type MetaValue } from './checkpoint';

export interface RestoreTargets {
  variables: Record<string, tf.Variable>;
  optimizer?: tf.Optimizer;
}

/** Assigns the saved weights (and optimizer state) in place; returns the saved meta. */
export async function restoreCheckpoint(path: string, targets: RestoreTargets): Promise<{ meta: Record<string, MetaValue> }> {
  const loaded = await loadCheckpoint(path);
  const all = [...Object.values(loaded.weights), ...loaded.optimizerWeights.map((n) => n.tensor), ...Object.values(loaded.optimizerState)];
  try {
    const problems = compareWeights(targets.variables, loaded.weights);
    const { optimizer } = targets;
    const stateTargets = new Map(optimizer === undefined ? [] : optimizerVariables(optimizer));
    if (optimizer !== undefined) {
      if (loaded.optimizerClass === undefined) problems.push('it holds no optimizer state');
      else if (loaded.optimizerClass !== optimizer.getClassName()) {
        problems.push(`its optimizer state is for ${loaded.optimizerClass}, not ${optimizer.getClassName()}`);
      }
      for (const [property, saved] of Object.entries(loaded.optimizerState)) {
        const target = stateTargets.get(property);
        if (target === undefined || !sameShape(target.shape, saved.shape)) problems.push(`optimizer has no variable "${property}" of shape [${saved.shape}]`);
      }
    }
    if (problems.length > 0) throw new Error(`restoreCheckpoint: ${path} does not fit: ${problems.join('; ')}`);

    for (const [name, variable] of Object.entries(targets.variables)) variable.assign(loaded.weights[name]);
    if (optimizer !== undefined) {
      // setWeights() wraps each tensor in a new variable sharing its data, so disposing ours is safe.
      await optimizer.setWeights(loaded.optimizerWeights);
      for (const [property, saved] of Object.entries(loaded.optimizerState)) stateTargets.get(property)?.assign(saved);
    }
    return { meta: loaded.meta };
  } finally {
    tf.dispose(all);
  }
}

function compareWeights(variables: Record<string, tf.Variable>, saved: Record<string, tf.Tensor>): string[] {
  const missing = Object.keys(variables).filter((name) => !(name in saved));
  const extra = Object.keys(saved).filter((name) => !(name in variables));
  const mismatched = Object.keys(variables)
    .filter((name) => name in saved && (!sameShape(variables[name].shape, saved[name].shape) || variables[name].dtype !== saved[name].dtype))
    .map((name) => `${name} (checkpoint ${describe(saved[name])}, variable ${describe(variables[name])})`);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`missing ${list(missing)}`);
  if (extra.length > 0) problems.push(`unexpected ${list(extra)}`);
  if (mismatched.length > 0) problems.push(`mismatched ${list(mismatched)}`);
  return problems;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function describe(tensor: tf.Tensor): string {
  return `${tensor.dtype}[${tensor.shape.join(',')}]`;
}

/** At most ten names, so the message stays one readable line. */
function list(names: string[]): string {
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown} (+${names.length - 10} more)` : shown;
}
