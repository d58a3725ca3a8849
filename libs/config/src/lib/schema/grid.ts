// Section `grid`: which cells of Table 2 (and rows of Table 1) to run.
import { z } from 'zod';
import { CLASSIFIER_IDS } from './classifiers';
import { oneOf, posInt, ratio } from './primitives';

export const REGIMES = [
  'real',
  'synthetic:lddm',
  'synthetic:cinn',
  'real+synthetic:lddm',
  'real+synthetic:cinn',
] as const;
export type Regime = (typeof REGIMES)[number];

export const GENERATORS = ['lddm', 'cinn'] as const;
export type GeneratorId = (typeof GENERATORS)[number];

export const GridSchema = z.strictObject({
  models: z.array(oneOf(CLASSIFIER_IDS)).min(1, { error: 'expected at least one model' }),
  /** Subset of splits.ratios to run. */
  ratios: z.array(ratio()).min(1, { error: 'expected at least one ratio' }),
  regimes: z.array(oneOf(REGIMES)).min(1, { error: 'expected at least one regime' }),
  /** Seeds per cell: seed i of a cell is deriveSeed(runtime.seed, model, ratio, regime, i). */
  seeds: posInt(),
  table1: z.strictObject({
    /** Split whose test videos' first frames condition Table 1 (paper: not stated). */
    ratio: ratio(),
    generators: z.array(oneOf(GENERATORS)).min(1, { error: 'expected at least one generator' }),
  }),
});

export type GridConfig = z.infer<typeof GridSchema>;
