// The minibatch loop every trainer here runs, written out once: epochs of seeded batches, a
// progress bar, a callback per step (loss curves go to the registry from there), a learning-rate
// hook per epoch, and a checkpoint at the end of every `checkpointEvery` epochs from which a
// crashed run resumes at the next epoch with the same batches (see epochBatches).
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { CheckpointCorruptError, createProgress, previousCheckpointPath, type Rng } from '@lddm/runtime';
import { epochBatches, trainingPlan, type TrainLength, type TrainingPlan } from './minibatches';
import { restoreTrainingCheckpoint, saveTrainingCheckpoint, type TrainingState } from './training-checkpoint';

export type StepLosses = Record<string, number>;

export interface TrainLoopOptions {
  label: string;
  samples: number;
  batchSize: number;
  length: TrainLength;
  rng: Rng;
  /** One optimiser step on these sample indices; returns named losses (the first is the headline). */
  step: (indices: Int32Array, at: { epoch: number; step: number }) => StepLosses;
  /** Called before each epoch (set the learning rate here). */
  beforeEpoch?: (epoch: number, plan: TrainingPlan) => void;
  onStep?: (step: number, losses: StepLosses, epoch: number) => void;
  onEpoch?: (epoch: number, mean: StepLosses) => void | Promise<void>;
  /** Checkpoint file; with resume = true an existing file is loaded first. */
  checkpoint?: { path: string; state: TrainingState; everyEpochs?: number; resume?: boolean };
  /** Stop early when a loss is not finite (default true): a NaN run is recorded as failed. */
  stopOnNonFinite?: boolean;
}

export interface TrainLoopResult {
  plan: TrainingPlan;
  steps: number;
  /** Epoch the run started at (> 0 when resumed from a checkpoint). */
  resumedAtEpoch: number;
  /** Mean losses of each epoch run in this process. */
  history: Array<{ epoch: number; losses: StepLosses }>;
}

export async function trainLoop(options: TrainLoopOptions): Promise<TrainLoopResult> {
  const plan = trainingPlan(options.length, options.samples, options.batchSize);
  const { checkpoint } = options;
  let startEpoch = 0;
  let step = 0;
  if (checkpoint?.resume === true) {
    const at = await resume(options.label, checkpoint.path, checkpoint.state);
    if (at !== undefined) ({ epoch: startEpoch, step } = at);
  }
  const history: TrainLoopResult['history'] = [];
  const progress = createProgress({ label: options.label, total: plan.totalSteps, unit: 'step' });
  if (step > 0) progress.tick(step);
  for (let epoch = startEpoch; epoch < plan.epochs && step < plan.totalSteps; epoch++) {
    options.beforeEpoch?.(epoch, plan);
    const sums: StepLosses = {};
    let count = 0;
    for (const batch of epochBatches(options.samples, options.batchSize, options.rng, epoch)) {
      if (step >= plan.totalSteps) break;
      const losses = options.step(batch, { epoch, step });
      step += 1;
      count += 1;
      for (const [k, v] of Object.entries(losses)) sums[k] = (sums[k] ?? 0) + v;
      const bad = Object.entries(losses).find(([, v]) => !Number.isFinite(v));
      options.onStep?.(step, losses, epoch);
      if (bad !== undefined && options.stopOnNonFinite !== false) {
        progress.done();
        throw new Error(`${options.label}: the ${bad[0]} loss is ${bad[1]} at step ${step} (epoch ${epoch + 1}); lower the learning rate or check the data`);
      }
      const [headline, value] = Object.entries(losses)[0] ?? ['loss', NaN];
      progress.tick(1, { epoch: epoch + 1, [headline]: Number(value.toPrecision(4)) });
      // Let the event loop run between steps: a Ctrl-C / SIGTERM is handled now (the run is
      // recorded as interrupted) rather than after the whole epoch.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const mean = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / Math.max(1, count)]));
    history.push({ epoch, losses: mean });
    await options.onEpoch?.(epoch, mean);
    const every = checkpoint?.everyEpochs ?? 1;
    if (checkpoint !== undefined && ((epoch + 1) % every === 0 || epoch + 1 === plan.epochs || step >= plan.totalSteps)) {
      await saveTrainingCheckpoint(checkpoint.path, checkpoint.state, { epoch, step });
    }
  }
  progress.done();
  // The run is complete: the fallback copy has served its purpose.
  if (checkpoint !== undefined) await rm(previousCheckpointPath(checkpoint.path), { force: true });
  return { plan, steps: step, resumedAtEpoch: startEpoch, history };
}

/**
 * Restores the latest checkpoint, or the one before it (saveCheckpoint keepPrevious) when the
 * latest is damaged, or nothing: a damaged file is moved aside (`.corrupt`, kept as evidence)
 * with a one-line warning, so that no rerun is stranded on it. A checkpoint that reads fine but
 * does not fit the model is a real error and is thrown.
 */
async function resume(label: string, path: string, state: TrainingState): Promise<{ epoch: number; step: number } | undefined> {
  const candidates = [path, previousCheckpointPath(path)].filter((p) => existsSync(p));
  for (const [i, candidate] of candidates.entries()) {
    try {
      const meta = await restoreTrainingCheckpoint(candidate, state);
      return { epoch: Number(meta.epoch) + 1, step: Number(meta.step) };
    } catch (error) {
      if (!(error instanceof CheckpointCorruptError)) throw error;
      const aside = `${candidate}.corrupt`;
      await rename(candidate, aside);
      const next = i + 1 < candidates.length ? `the previous checkpoint ${candidates[i + 1]}` : 'the start';
      console.warn(`${label}: ${error.message}; moved it to ${aside} and resuming from ${next}`);
    }
  }
  return undefined;
}
