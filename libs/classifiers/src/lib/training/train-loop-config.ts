// The trainer's config for one model out of the profile's `classifiers` section: the shared
// `train` block (epochs, balancing, augmentation, validation) with that model's optimiser,
// learning-rate schedule and batch size (they differ per model in the mmaction2 recipes).
import type { ClassifierId, ClassifiersConfig, DeepReadonly } from '@lddm/config';
import type { TrainLoopConfig } from './train-classifier';

export function trainLoopConfig(classifiers: DeepReadonly<ClassifiersConfig>, name: ClassifierId): TrainLoopConfig {
  const { testClips: _testClips, augment, ...train } = classifiers.train;
  const model = classifiers[name];
  return {
    ...train,
    augment: { ...augment, cropScales: [...augment.cropScales] },
    optimizer: { ...model.optimizer, betas: [model.optimizer.betas[0], model.optimizer.betas[1]] },
    lrSchedule: { ...model.lrSchedule },
    batchSize: model.batchSize,
  };
}
