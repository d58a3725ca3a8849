// Tiny model configs for tests: the profiles' structure at a few channels and 16 px, so that every
// code path runs (bottleneck and basic blocks, all pools, several stages) in milliseconds.
import type { OptimizerConfig, LrScheduleConfig } from '@lddm/config';
import type { ClassifierConfigs } from '../registry';

export const TINY_OPTIMIZER: OptimizerConfig = { kind: 'adam', lr: 1e-2, betas: [0.9, 0.999], momentum: 0.9, weightDecay: 0, amsgrad: false, gradClip: 0 };
export const TINY_SCHEDULE: LrScheduleConfig = { kind: 'none', gamma: 1, stepSize: 1 };
const train = { optimizer: TINY_OPTIMIZER, lrSchedule: TINY_SCHEDULE, batchSize: 4 };

export const TINY_CONFIGS: ClassifierConfigs = {
  // 16 frames: the smallest clip that survives C3D's four temporal pools.
  c3d: { frames: 16, inputSize: 16, widths: [4, 8, 8, 8, 8], convsPerStage: [1, 1, 2, 1, 1], fcDim: 16, dropout: 0, ...train },
  tsm: { segments: 4, inputSize: 16, backbone: { block: 'bottleneck', layers: [1, 1], widths: [4, 8], stemWidth: 8 }, shiftDiv: 8, dropout: 0, ...train },
  tdn: {
    segments: 4,
    inputSize: 16,
    backbone: { block: 'basic', layers: [1, 1], widths: [8, 32], stemWidth: 8 },
    shortTermFrames: 3,
    fuseWeight: 0.5,
    dropout: 0,
    ...train,
  },
  atmnet: { segments: 4, inputSize: 16, depths: [1, 1], dims: [8, 16], mlpRatio: 2, dropout: 0, ...train },
};
