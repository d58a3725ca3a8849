// GroupNorm in place of BatchNorm: @lddm/nn has no BatchNorm, and the small batches a CPU run
// affords make batch statistics noisy anyway (Wu & He 2018 show GN matching BN at large batch and
// beating it at small). Groups: 32 as Wu & He, or the largest divisor of the width below that.

/** The largest divisor of `channels` that is at most `maxGroups`. */
export function normGroups(channels: number, maxGroups = 32): number {
  if (!Number.isInteger(channels) || channels < 1) throw new Error(`normGroups: channels must be a positive integer, got ${channels}`);
  for (let g = Math.min(maxGroups, channels); g > 1; g--) if (channels % g === 0) return g;
  return 1;
}
