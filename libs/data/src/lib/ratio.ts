// Split ratios written "train:test" ("7:3", "5:5", "3:7"), kept as integers so that the class
// allocation in splits.ts is exact rather than subject to 0.7 * 10 = 7.000000000000001.
import { RATIO_PATTERN } from '@lddm/config';

export interface Ratio {
  train: number;
  test: number;
}

export function parseRatio(text: string): Ratio {
  if (!RATIO_PATTERN.test(text)) throw new RangeError(`split ratio "${text}": expected "train:test" with positive integers, such as "7:3"`);
  const [train, test] = text.split(':').map(Number);
  return { train, test };
}

export const formatRatio = (r: Ratio): string => `${r.train}:${r.test}`;
