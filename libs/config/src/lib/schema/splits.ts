// Section `splits`: the random, class-stratified train:test splits of the videos (by video).
import { z } from 'zod';
import { bool, int, ratio } from './primitives';

export const SplitsSchema = z.strictObject({
  /** Train:test ratios by video; the paper uses 7:3, 5:5 and 3:7. */
  ratios: z.array(ratio()).min(1, { error: 'expected at least one ratio' }),
  /** Seed of the split permutation (paper: not stated; recorded with every run). */
  seed: int(),
  /** Keep the malignant/benign proportion in train and test (paper: "randomly"; we stratify). */
  stratified: bool(),
});

export type SplitsConfig = z.infer<typeof SplitsSchema>;
