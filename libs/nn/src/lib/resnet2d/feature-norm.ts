// The normalisation after every conv of the 2D ResNets: GroupNorm (Wu & He 2018) where the
// references use BatchNorm. Why: BatchNorm's batch statistics are noisy at the batch sizes that fit
// on a CPU here (a few clips or images; TSM/TDN fold segments into the batch, but those frames are
// strongly correlated), and there are no pretrained running statistics to freeze as the reference
// recipes do. GroupNorm is batch-independent, so train and eval agree.
//
// One group rule for every 2D ResNet (the classifiers' backbones and the cINN's image encoder):
// at most `maxGroups` groups (Wu & He's default 32) and at least 4 channels per group where the
// width allows. At paper scale this gives 32 groups for widths >= 128 and 16 groups of 4 for the
// 64-wide stem and layer1 (Wu & He use 32 groups of 2 there; their group-size ablation shows
// little difference except at 1 channel per group). GroupNorm's affine parameters do not depend on
// the groups, so parameter counts are those of the BatchNorm references.
import { GroupNorm } from '../group-norm';

/** The largest divisor of `channels` that is at most `maxGroups` and leaves >= 4 channels per group (1 if none). */
export function normGroups(channels: number, maxGroups = 32): number {
  if (!Number.isInteger(channels) || channels < 1) throw new Error(`normGroups: channels must be a positive integer, got ${channels}`);
  // >= 4 channels per group keeps the statistics meaningful on 1x1 maps (deep stages of small
  // inputs), where one channel per group would normalise every feature to the constant beta.
  const cap = Math.max(1, Math.min(maxGroups, Math.floor(channels / 4)));
  for (let g = cap; g > 1; g--) if (channels % g === 0) return g;
  return 1;
}

/** GroupNorm over `channels` with normGroups(channels, maxGroups) groups. */
export function featureNorm(channels: number, maxGroups?: number): GroupNorm {
  return new GroupNorm({ channels, groups: normGroups(channels, maxGroups) });
}
