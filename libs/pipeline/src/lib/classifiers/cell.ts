// One cell of Table 2 (model x ratio x regime x seed) as a registry step: what determines its
// result (the key) and the runs it consumes. The grid computes the same keys to skip finished
// cells, so the spec and key are built here, in one place.
import type { ClassifierId, Regime } from '@lddm/config';
import { trainLoopConfig } from '@lddm/classifiers';
import { keyedOf, type PipelineContext, type StepSpec } from '../context';
import type { GeneratorId } from '@lddm/config';

export interface ClassifierCell {
  model: ClassifierId;
  ratio: string;
  regime: Regime;
  /** Seed index within the cell, 0 .. grid.seeds - 1. */
  seed: number;
}

/** The videos of a finished synthesis run that a synthetic regime trains on. */
export interface SyntheticSource {
  generator: GeneratorId;
  ratio: string;
  /** The synthesis run's key (an input of the cell). */
  key: string;
  /** Its videos in the BUSV layout. */
  busvDir: string;
}

/** 'real+synthetic:lddm' -> { real: true, generator: 'lddm' }; 'real' -> { real: true, generator: null }. */
export function regimeParts(regime: Regime): { real: boolean; generator: GeneratorId | null } {
  const [group, generator] = regime.split(':') as [string, GeneratorId | undefined];
  return { real: group !== 'synthetic', generator: generator ?? null };
}

export const cellLabel = (cell: ClassifierCell): string => `${cell.model} ${cell.ratio} ${cell.regime} seed ${cell.seed}`;

export const cellSeedPath = (cell: ClassifierCell): string[] => ['classifier', cell.model, cell.ratio, cell.regime, String(cell.seed)];

/**
 * The step of a cell. `dataKey` is the data run's key; `synthetic` is required exactly when the
 * regime uses a generator (its synthesis of the same split, source 'busi').
 */
export function classifierCellSpec(ctx: Pick<PipelineContext, 'profile'>, cell: ClassifierCell, dataKey: string, synthetic?: SyntheticSource): StepSpec {
  const { generator } = regimeParts(cell.regime);
  if (generator !== null && (synthetic === undefined || synthetic.generator !== generator || synthetic.ratio !== cell.ratio))
    throw new Error(`classifier ${cellLabel(cell)}: needs the ${generator} synthesis of the ${cell.ratio} split`);
  const { profile } = ctx;
  const config = {
    model: cell.model,
    ratio: cell.ratio,
    regime: cell.regime,
    // Not 'seed': keyedOf puts the derived seed there.
    seedIndex: cell.seed,
    train: trainLoopConfig(profile.classifiers, cell.model),
    network: profile.classifiers[cell.model],
    bootstrap: profile.metrics.bootstrap,
    // Synthetic videos are read as framesPerClip-frame clips at imageSize.
    clips: { imageSize: profile.data.imageSize, framesPerClip: profile.data.framesPerClip, channels: profile.data.channels },
  };
  return {
    kind: 'classifier',
    config,
    inputs: generator === null ? [dataKey] : [dataKey, synthetic!.key],
    seedPath: cellSeedPath(cell),
    params: { model: cell.model, ratio: cell.ratio, regime: cell.regime, seed: cell.seed, generator: generator ?? undefined },
  };
}

/** The key a step built from this spec gets (keyedOf: the seed joins the config). */
export function stepKey(ctx: Pick<PipelineContext, 'profile' | 'sourceVersion'>, spec: StepSpec): string {
  return keyedOf(ctx, spec).key;
}
