// One Table 2 cell as a registry run (kind 'classifier'): build the model from the profile, train
// it on the regime's clips (trainClassifier: class balancing, augmentation, validation slice of
// the training videos only), evaluate it on the split's test videos (clip probabilities averaged
// per video) and record everything the report reads. Reused when its key is finished.
import { createClassifier, evaluateClassifier, trainClassifier, trainLoopConfig } from '@lddm/classifiers';
import { BUSV_CLASSES } from '@lddm/data';
import { deriveSeed, Rng } from '@lddm/runtime';
import { ensureStep, type PipelineContext, type StepOutcome } from '../context';
import { pipelineData } from '../datasets';
import { ensureSynthesis, synthesisBusvDir } from '../synthesis';
import type { GeneratorId } from '@lddm/config';
import { cellLabel, classifierCellSpec, regimeParts, type ClassifierCell, type SyntheticSource } from './cell';
import { recordEvaluation, testSummary, type TestSummary } from './record-evaluation';
import { cellData } from './training-data';

export interface ClassifierCellResult {
  test: TestSummary;
  epochs: number;
  selectedEpoch: number;
  predictionsPath: string;
}

/** The synthesis a synthetic regime trains on (made first if needed): its key and videos. */
export async function resolveSynthesis(ctx: PipelineContext, generator: GeneratorId, ratio: string): Promise<SyntheticSource> {
  const step = await ensureSynthesis(ctx, generator, ratio, 'busi');
  const busvDir = step.outcome.result?.busvDir ?? synthesisBusvDir(ctx.registry.artifacts(step.outcome.run.id));
  return { generator, ratio, key: step.key, busvDir };
}

export interface ClassifierCellOptions {
  /** The synthesis to train on (default: ensured here). */
  synthetic?: SyntheticSource;
  /**
   * The data run key the grid planned with. A worker's own data run has the same fingerprints and
   * splits but, in a tree edited meanwhile, another source version and so another key.
   */
  dataKey?: string;
}

export async function ensureClassifierCell(ctx: PipelineContext, cell: ClassifierCell, options: ClassifierCellOptions = {}): Promise<StepOutcome<ClassifierCellResult>> {
  const data = await pipelineData(ctx);
  const { generator } = regimeParts(cell.regime);
  const synthetic = generator === null ? undefined : (options.synthetic ?? (await resolveSynthesis(ctx, generator, cell.ratio)));
  const spec = classifierCellSpec(ctx, cell, options.dataKey ?? data.key, synthetic);
  return ensureStep(ctx, spec, async (run, dir, seed) => {
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
  });
}
