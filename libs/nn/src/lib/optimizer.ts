// The one way every training loop here builds its optimiser from a profile's `optimizer` and
// `lrSchedule` sections, and takes a step: gradients, weight decay, global-norm clipping, update.
import { tf } from '@lddm/runtime';
import type { DeepReadonly, LrScheduleConfig, OptimizerConfig } from '@lddm/config';
import { AdamOptimizer } from './adam';
import { SgdOptimizer } from './sgd';
import type { SlotOptimizer } from './slot-optimizer';
import type { Module } from './module';

export interface Optimizer {
  /** The tfjs optimizer underneath. */
  readonly optimizer: SlotOptimizer;
  readonly config: DeepReadonly<OptimizerConfig>;
  /** Current learning rate. */
  learningRate: number;
  /** One step on `lossFn` over `module`'s trainable parameters; returns the loss value. */
  step(module: Module, lossFn: () => tf.Scalar): number;
  /** The same on explicit variables (e.g. two modules trained together). */
  stepVariables(variables: tf.Variable[], lossFn: () => tf.Scalar): number;
  /** Slots and step count by parameter path, for checkpoints (see SlotOptimizer). */
  exportState(named: Array<[string, tf.Variable]>): Record<string, tf.Tensor>;
  importState(named: Array<[string, tf.Variable]>, state: Record<string, tf.Tensor>): void;
  dispose(): void;
}

export function createOptimizer(config: DeepReadonly<OptimizerConfig>): Optimizer {
  const frozen: DeepReadonly<OptimizerConfig> = Object.freeze({ ...config, betas: Object.freeze([config.betas[0], config.betas[1]] as const) });
  const optimizer: SlotOptimizer =
    config.kind === 'sgd'
      ? new SgdOptimizer({ lr: config.lr, momentum: config.momentum, weightDecay: config.weightDecay })
      : new AdamOptimizer({
          lr: config.lr,
          beta1: config.betas[0],
          beta2: config.betas[1],
          weightDecay: config.weightDecay,
          decay: config.kind === 'adamw' ? 'decoupled' : 'l2',
          amsgrad: config.amsgrad,
        });

  const stepVariables = (variables: tf.Variable[], lossFn: () => tf.Scalar): number => {
    if (variables.length === 0) throw new Error('optimizer step: nothing to train');
    const { value, grads } = tf.variableGrads(lossFn, variables);
    const loss = value.dataSync()[0];
    // A NaN loss is returned, not thrown: the caller's loop knows the step and the run.
    if (config.gradClip > 0) {
      const clipped = clipByGlobalNorm(grads, config.gradClip);
      optimizer.applyGradients(clipped);
      tf.dispose(Object.values(clipped));
    } else {
      optimizer.applyGradients(grads);
    }
    tf.dispose([value, ...Object.values(grads)]);
    return loss;
  };

  return {
    optimizer,
    config: frozen,
    get learningRate() {
      return optimizer.learningRate;
    },
    set learningRate(next: number) {
      optimizer.learningRate = next;
    },
    step: (module, lossFn) => {
      const variables = module.parameters({ trainableOnly: true });
      if (variables.length === 0) throw new Error(`optimizer step: ${module.label} has no trainable parameters`);
      return stepVariables(variables, lossFn);
    },
    stepVariables,
    exportState: (named) => optimizer.exportState(named),
    importState: (named, state) => optimizer.importState(named, state),
    dispose: () => optimizer.dispose(),
  };
}

/** Scales all gradients by min(1, maxNorm / ||g||_2) over every tensor together (PyTorch clip_grad_norm_). */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const sq = names.map((n) => tf.sum(tf.square(grads[n])));
    const norm = Math.sqrt(tf.addN(sq).dataSync()[0]);
    const scale = norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
    const out: tf.NamedTensorMap = {};
    for (const n of names) out[n] = scale === 1 ? tf.clone(grads[n]) : tf.mul(grads[n], scale);
    return out;
  });
}

/**
 * The learning rate for `epoch` (0-based), stepped once per epoch:
 * exponential lr * gamma^epoch; step lr * gamma^floor(epoch / stepSize);
 * cosine 0.5 lr (1 + cos(pi epoch / totalEpochs)) (annealing to 0, SGDR without restarts).
 */
export function learningRate(schedule: Readonly<LrScheduleConfig>, baseLr: number, epoch: number, totalEpochs: number): number {
  switch (schedule.kind) {
    case 'none':
      return baseLr;
    case 'exponential':
      return baseLr * schedule.gamma ** epoch;
    case 'step':
      return baseLr * schedule.gamma ** Math.floor(epoch / schedule.stepSize);
    case 'cosine':
      return totalEpochs <= 0 ? baseLr : 0.5 * baseLr * (1 + Math.cos((Math.PI * Math.min(epoch, totalEpochs)) / totalEpochs));
  }
}
