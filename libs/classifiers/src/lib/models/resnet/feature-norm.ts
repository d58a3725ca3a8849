// The normalisation after every conv of the 2D backbones: GroupNorm (Wu & He 2018) where the
// references use BatchNorm. Why: BatchNorm's batch statistics are noisy at the batch sizes that fit
// on a CPU here (4-8 clips; TSM/TDN fold segments into the batch, but those frames are strongly
// correlated), and there are no pretrained running statistics to freeze as mmaction2's recipes do
// (partial BN on ImageNet weights). GroupNorm is batch-independent, so train and eval agree.
import { GroupNorm } from '@lddm/nn';

/** At most 32 groups (Wu & He's default) and at least 4 channels per group where possible. */
export function normGroups(channels: number): number {
  // >= 4 channels per group keeps the statistics meaningful on 1x1 maps (deep stages of small
  // inputs), where one channel per group would normalise every feature to the constant beta.
  const cap = Math.max(1, Math.min(32, Math.floor(channels / 4)));
  for (let g = cap; g > 1; g--) if (channels % g === 0) return g;
  return 1;
}

export function featureNorm(channels: number): GroupNorm {
  return new GroupNorm({ channels, groups: normGroups(channels) });
}
