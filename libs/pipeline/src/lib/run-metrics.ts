// Loss curves into the registry: one metrics row per named loss per optimiser step.
import type { RunHandle } from '@lddm/registry';
import type { StepLosses } from '@lddm/nn';

export const logStepLosses =
  (run: RunHandle) =>
  (step: number, losses: StepLosses, epoch: number): void =>
    run.logMetrics([...Object.entries(losses).map(([name, value]) => ({ name, value, step, split: 'train' })), { name: 'epoch', value: epoch + 1, step, split: 'train' }]);

/** The checkpoint a finished run recorded (kind 'checkpoint'), or a one-line error naming the run. */
export function checkpointOf(artifacts: ReadonlyArray<{ kind: string; path: string }>, what: string): string {
  const found = artifacts.find((a) => a.kind === 'checkpoint');
  if (found === undefined) throw new Error(`${what} recorded no checkpoint; rerun it with --force`);
  return found.path;
}
