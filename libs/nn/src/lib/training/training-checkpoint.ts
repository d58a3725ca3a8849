// One checkpoint file for everything a training run needs to continue: the weights of each module,
// the state of each optimiser (keyed by parameter path, so a rebuilt model takes it), and where
// the run was (epoch, step). Written atomically by saveCheckpoint.
import { loadCheckpoint, saveCheckpoint, tf, type MetaValue, type SavedCheckpoint } from '@lddm/runtime';
import type { Module } from '../module';
import type { Optimizer } from '../optimizer';

export interface TrainingState {
  modules: Record<string, Module>;
  optimizers?: Record<string, Optimizer>;
}

const OPT = 'opt:';

export async function saveTrainingCheckpoint(path: string, state: TrainingState, meta: Record<string, MetaValue>): Promise<SavedCheckpoint> {
  const weights: Record<string, tf.Tensor> = {};
  const owned: tf.Tensor[] = [];
  for (const [m, module] of Object.entries(state.modules)) for (const [p, v] of Object.entries(module.stateDict())) weights[`${m}.${p}`] = v;
  for (const [o, optimizer] of Object.entries(state.optimizers ?? {})) {
    const module = state.modules[o];
    if (module === undefined) throw new Error(`saveTrainingCheckpoint: optimizer "${o}" has no module of the same name`);
    for (const [k, t] of Object.entries(optimizer.exportState(module.namedParameters()))) {
      weights[`${OPT}${o}/${k}`] = t;
      owned.push(t);
    }
  }
  try {
    // The replaced checkpoint is kept as <path>.prev until training ends (train-loop.ts resume).
    return await saveCheckpoint(path, { weights, meta }, { keepPrevious: true });
  } finally {
    tf.dispose(owned);
  }
}

/** Restores modules and optimisers in place; returns the saved meta. Mismatches are one-line errors. */
export async function restoreTrainingCheckpoint(path: string, state: TrainingState): Promise<Record<string, MetaValue>> {
  const loaded = await loadCheckpoint(path);
  try {
    const problems: string[] = [];
    const targets: Array<[tf.Variable, tf.Tensor]> = [];
    for (const [m, module] of Object.entries(state.modules)) {
      for (const [p, v] of Object.entries(module.stateDict())) {
        const saved = loaded.weights[`${m}.${p}`];
        if (saved === undefined) problems.push(`missing ${m}.${p}`);
        else if (saved.shape.join() !== v.shape.join()) problems.push(`${m}.${p} is [${saved.shape}] in the file, [${v.shape}] in the model`);
        else targets.push([v, saved]);
      }
    }
    if (problems.length > 0) throw new Error(`restoreTrainingCheckpoint: ${path} does not fit this model: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}`);
    for (const [v, saved] of targets) v.assign(saved);
    for (const [o, optimizer] of Object.entries(state.optimizers ?? {})) {
      const prefix = `${OPT}${o}/`;
      const saved = Object.fromEntries(
        Object.entries(loaded.weights)
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, t]) => [k.slice(prefix.length), t]),
      );
      optimizer.importState(state.modules[o].namedParameters(), saved);
    }
    return loaded.meta;
  } finally {
    tf.dispose(Object.values(loaded.weights));
  }
}
