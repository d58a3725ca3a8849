// The classifier training loop, written out (STYLE.md #5): per epoch the learning rate from the
// schedule, an order (shuffled, or class-balanced by oversampling), mini-batches augmented
// (multi-scale crop -> inputSize, flip, jitter) and stepped with the profile's optimiser on the
// (optionally class-weighted) cross-entropy; then, when there is a validation slice (a fraction
// of the TRAINING videos, or one given), the validation metrics, best-checkpoint selection (kept
// in memory, restored at the end) and early stopping.
import type { ClassifierTrainSchema, LrScheduleConfig, OptimizerConfig } from '@lddm/config';
import { createOptimizer, learningRate } from '@lddm/nn';
import { tf, type Rng } from '@lddm/runtime';
import type { z } from 'zod';
import { evaluateClassifier } from '../evaluation/evaluate-classifier';
import type { VideoClassifier } from '../models/video-classifier';
import { augmentClips } from './augment';
import { balancedOrder, inverseFrequencyWeights, shuffledOrder } from './class-balance';
import { crossEntropy } from './cross-entropy';
import { EarlyStopping } from './early-stopping';
import { batchTensors, checkLabelledClips, selectRows, videoIdsOf, type LabelledClips } from './labelled-clips';
import { splitValidation } from './validation-split';
import { WeightsSnapshot } from './weights-snapshot';

/** The profile's `classifiers.train` plus the model's own optimiser, schedule and batch size. */
export type TrainLoopConfig = Omit<z.output<typeof ClassifierTrainSchema>, 'testClips'> & {
  optimizer: OptimizerConfig;
  lrSchedule: LrScheduleConfig;
  batchSize: number;
};

export interface EpochRecord {
  epoch: number;
  lr: number;
  trainLoss: number;
  trainAccuracy: number;
  val?: { accuracy: number; f1: number; macroF1: number };
  /** The value selection and early stopping watch (undefined with selectOn 'last' or no val). */
  monitored?: number;
  improved: boolean;
  seconds: number;
}

export interface TrainResult {
  history: EpochRecord[];
  /** Epoch whose weights the model holds on return (the last one with selectOn 'last'). */
  selectedEpoch: number;
  selection: 'val-f1' | 'val-acc' | 'last';
  stoppedEarly: boolean;
  classWeights?: number[];
  trainClips: number;
  valVideoIds: string[];
}

export interface TrainClassifierArgs {
  model: VideoClassifier;
  train: LabelledClips;
  /** A validation set given explicitly; otherwise valFraction of the training videos. */
  val?: LabelledClips;
  config: TrainLoopConfig;
  rng: Rng;
  onEpoch?: (record: EpochRecord) => void;
}

export function trainClassifier({ model, train, val, config, rng, onEpoch }: TrainClassifierArgs): TrainResult {
  checkLabelledClips('trainClassifier (train)', train);
  let fit = train;
  let valSet = val;
  let valVideoIds = val === undefined ? [] : [...new Set(videoIdsOf(val))].sort();
  if (valSet === undefined && config.valFraction > 0) {
    const split = splitValidation(train.labels, videoIdsOf(train), config.valFraction, rng.child('validation-split'));
    fit = selectRows(train, split.train);
    valSet = split.val.length > 0 ? selectRows(train, split.val) : undefined;
    valVideoIds = split.valVideoIds;
  }
  const selection = valSet === undefined ? 'last' : config.selectOn;
  const k = model.numClasses;
  const classWeights = config.classBalancing === 'weighted-loss' ? inverseFrequencyWeights(fit.labels, k) : undefined;
  const optimizer = createOptimizer(config.optimizer);
  const stopping = new EarlyStopping(selection === 'last' ? 0 : config.earlyStoppingPatience);
  const orderRng = rng.child('order');
  const augmentRng = rng.child('augment');
  const history: EpochRecord[] = [];
  let best: WeightsSnapshot | undefined;
  try {
    for (let epoch = 0; epoch < config.epochs && !stopping.shouldStop; epoch++) {
      const started = Date.now();
      const lr = learningRate(config.lrSchedule, config.optimizer.lr, epoch, config.epochs);
      optimizer.learningRate = lr;
      const order = config.classBalancing === 'oversample' ? balancedOrder(fit.labels, k, orderRng) : shuffledOrder(fit.shape[0], orderRng);
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < order.length; start += config.batchSize) {
        const rows = order.slice(start, start + config.batchSize);
        const { clips, labels } = batchTensors(fit, rows);
        const input = augmentClips(clips, config.augment, model.inputSize, augmentRng);
        let predicted: tf.Tensor | undefined;
        const loss = optimizer.step(model, () => {
          const logits = model.apply(input, true);
          predicted = tf.keep(tf.argMax(logits, 1));
          return crossEntropy(logits, labels, classWeights);
        });
        if (!Number.isFinite(loss)) throw new Error(`trainClassifier: the loss is ${loss} at epoch ${epoch}, batch ${start / config.batchSize}`);
        lossSum += loss * rows.length;
        const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(predicted!, labels), 'int32')).dataSync()[0]);
        correct += hits;
        tf.dispose([clips, labels, input, predicted!]);
      }
      const record: EpochRecord = { epoch, lr, trainLoss: lossSum / order.length, trainAccuracy: correct / order.length, improved: false, seconds: 0 };
      if (valSet !== undefined) {
        const e = evaluateClassifier(model, valSet, { batchSize: config.batchSize });
        record.val = { accuracy: e.accuracy, f1: e.f1, macroF1: e.macroF1 };
        if (selection !== 'last') {
          record.monitored = selection === 'val-f1' ? e.f1 : e.accuracy;
          record.improved = stopping.observe(epoch, record.monitored);
          if (record.improved) {
            best?.dispose();
            best = new WeightsSnapshot(model);
          }
        }
      }
      record.seconds = (Date.now() - started) / 1000;
      history.push(record);
      onEpoch?.(record);
    }
    const last = history.length - 1;
    if (best !== undefined) best.restore(model);
    return {
      history,
      selectedEpoch: selection === 'last' ? last : (stopping.bestEpoch ?? last),
      selection,
      stoppedEarly: history.length < config.epochs,
      classWeights,
      trainClips: fit.shape[0],
      valVideoIds,
    };
  } finally {
    best?.dispose();
    optimizer.dispose();
  }
}
