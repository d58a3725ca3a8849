// One Table 2 cell as a registry run (kind 'classifier'): build the model from the profile, train
// it on the regime's clips (trainClassifier: class balancing, augmentation, validation slice of
// the training videos only), evaluate it on the split's test videos (clip probabilities averaged
// per video) and record everything the report reads. Reused when its key is finished. A step of
// the graph after the data and (for a synthetic regime) the synthesis of its split.
import { createClassifier, evaluateClassifier, trainClassifier, trainLoopConfig } from '@lddm/classifiers';
import { BUSV_CLASSES } from '@lddm/data';
import { deriveSeed, Rng } from '@lddm/runtime';
import type { RunHandle } from '@lddm/registry';
import { graphContext, keyedOf, outcomeOf, type PipelineContext, type StepOutcome } from '../context';
import { Graph, type Done, type StepDef, type StepRef } from '../dag/graph';
import { runGraph } from '../dag/run-graph';
import { pipelineDataStep, type PipelineData } from '../datasets';
import { synthesisStep, type SynthesisDone } from '../synthesis';
import { cellLabel, classifierCellSpec, regimeParts, type ClassifierCell, type SyntheticSource } from './cell';
import { recordEvaluation, testSummary, type TestSummary } from './record-evaluation';
import { cellData } from './training-data';

export interface ClassifierCellResult {
  test: TestSummary;
  epochs: number;
  selectedEpoch: number;
  predictionsPath: string;
}

/** What a cell step takes of the pipeline context. */
export type CellEnv = Pick<PipelineContext, 'profile' | 'root' | 'sourceVersion' | 'log'>;

/** The upstream steps of a cell: the data, and the synthesis its regime trains on (same split, source 'busi'). */
export interface CellInputs {
  data: StepRef<PipelineData>;
  synthesis?: StepRef<SynthesisDone>;
}

export const cellStepName = (cell: ClassifierCell): string => `classifier ${cellLabel(cell)}`;

/** A cell as a step of the graph, in the batch 'grid' (run together, in worker processes or here). */
export function classifierCellStep(ctx: CellEnv, cell: ClassifierCell, refs: CellInputs): StepDef<Done<ClassifierCellResult>, ClassifierCellResult> {
  const { generator } = regimeParts(cell.regime);
  const source = (key: string, busvDir: string): SyntheticSource | undefined => (generator === null ? undefined : { generator, ratio: cell.ratio, key, busvDir });
  return {
    name: cellStepName(cell),
    needs: refs.synthesis === undefined ? [refs.data] : [refs.data, refs.synthesis],
    batch: 'grid',
    // busvDir is not in the key: only the synthesis run's key is.
    keyed: (view) => keyedOf(ctx, classifierCellSpec(ctx, cell, view.keyed(refs.data).key, refs.synthesis && source(view.keyed(refs.synthesis).key, ''))),
    compute: (inputs, run, dir, seed) => {
      const made = refs.synthesis && inputs.get(refs.synthesis);
      return trainCell(ctx, cell, inputs.get(refs.data), made && source(made.keyed.key, made.busvDir))(run, dir, seed);
    },
  };
}

/** Trains (or reuses) one cell, with the synthesis it needs (and that synthesis' generator) first. */
export async function ensureClassifierCell(ctx: PipelineContext, cell: ClassifierCell): Promise<StepOutcome<ClassifierCellResult>> {
  const graph = new Graph();
  const data = graph.step('data', () => pipelineDataStep(ctx));
  const { generator } = regimeParts(cell.regime);
  const synthesis = generator === null ? undefined : synthesisStep(graph, ctx, data, generator, cell.ratio, 'busi');
  const ref = graph.step(cellStepName(cell), () => classifierCellStep(ctx, cell, { data, synthesis }));
  const { done } = await runGraph(graph, graphContext(ctx));
  return outcomeOf<ClassifierCellResult>(done.get(ref.name)!);
}

/** The work of a new cell run: train on the regime's clips, evaluate on the split's test videos. */
const trainCell =
  (ctx: CellEnv, cell: ClassifierCell, data: PipelineData, synthetic: SyntheticSource | undefined) =>
  async (run: RunHandle, dir: string, seed: number): Promise<ClassifierCellResult> => {
    const { profile } = ctx;
    const sets = await cellData(ctx, data, cell, synthetic);
    const config = trainLoopConfig(profile.classifiers, cell.model);
    const model = createClassifier(cell.model, profile.classifiers, { seed: deriveSeed(seed, 'init'), numClasses: BUSV_CLASSES.length, inChannels: profile.data.channels });
    try {
      run.logParams({
        adaptation: model.adaptation,
        parameters: model.parameterCount(),
        classBalancing: config.classBalancing,
        realTrainClips: sets.realTrainClips,
        syntheticTrainClips: sets.syntheticTrainClips,
        testClips: sets.test.shape[0],
      });
      const trained = trainClassifier({
        model,
        train: sets.train,
        config,
        rng: new Rng(seed).child('train'),
        onEpoch: (r) => {
          // Progress of a long cell (a cpu-profile epoch takes 15-90 s).
          ctx.log(`classifier ${cellLabel(cell)}: epoch ${r.epoch + 1}/${config.epochs} loss ${r.trainLoss.toFixed(3)} train acc ${r.trainAccuracy.toFixed(3)}${r.val ? ` val acc ${r.val.accuracy.toFixed(3)}` : ''} (${r.seconds.toFixed(0)} s)`);
          run.logMetrics([
            { name: 'loss', value: r.trainLoss, step: r.epoch, split: 'train' },
            { name: 'accuracy', value: r.trainAccuracy, step: r.epoch, split: 'train' },
            { name: 'lr', value: r.lr, step: r.epoch, split: 'train' },
            { name: 'seconds', value: r.seconds, step: r.epoch, split: 'train' },
            ...(r.val ? [{ name: 'accuracy', value: r.val.accuracy, step: r.epoch, split: 'val' }, { name: 'f1', value: r.val.f1, step: r.epoch, split: 'val' }] : []),
          ]);
        },
      });
      run.logParams({
        trainClips: trained.trainClips,
        valVideoIds: trained.valVideoIds.length,
        selection: trained.selection,
        selectedEpoch: trained.selectedEpoch,
        epochsRun: trained.history.length,
        stoppedEarly: trained.stoppedEarly,
        classWeights: trained.classWeights,
      });
      const evaluation = evaluateClassifier(model, sets.test, { batchSize: config.batchSize });
      const test = testSummary(evaluation, { ...profile.metrics.bootstrap, seed: deriveSeed(seed, 'bootstrap') });
      const label = { model: cell.model, ratio: cell.ratio, regime: cell.regime, seed: cell.seed };
      const predictionsPath = await recordEvaluation(run, dir, test, evaluation.predictions, BUSV_CLASSES, label);
      ctx.log(`classifier ${cellLabel(cell)}: accuracy ${test.accuracy.estimate.toFixed(3)}, F1 ${test.f1.estimate.toFixed(3)} on ${test.videos} test videos`);
      return { test, epochs: trained.history.length, selectedEpoch: trained.selectedEpoch, predictionsPath };
    } finally {
      model.dispose();
    }
  };
