// @lddm/classifiers: the four video classifiers of Table 2 (C3D, TSM, TDN, ATMNet) following
// mmaction2's conventions, their training loop and their per-video evaluation.
export { VideoClassifier, type ClassifierOptions } from './lib/models/video-classifier';
export { C3d, c3dFeatureShape, type C3dConfig } from './lib/models/c3d';
export { Tsm, type TsmConfig } from './lib/models/tsm';
export { Tdn, type TdnConfig } from './lib/models/tdn/tdn';
export { Atmnet, type AtmnetConfig } from './lib/models/atmnet/atmnet';
export { temporalShift } from './lib/models/temporal-shift';
export { createClassifier, type ClassifierConfigs, type CreateClassifierOptions } from './lib/registry';
export { segmentIndices, windowIndices, framesAround, gatherFrames } from './lib/input/temporal-sampling';
export { resizeFrames } from './lib/input/resize-frames';
export { trainClassifier, type TrainClassifierArgs, type TrainLoopConfig, type TrainResult, type EpochRecord } from './lib/training/train-classifier';
export { trainLoopConfig } from './lib/training/train-loop-config';
export type { LabelledClips } from './lib/training/labelled-clips';
export { augmentClips, multiScaleCrop, type AugmentConfig } from './lib/training/augment';
export { balancedOrder, inverseFrequencyWeights, classCounts } from './lib/training/class-balance';
export { crossEntropy } from './lib/training/cross-entropy';
export { splitValidation } from './lib/training/validation-split';
export { evaluateClassifier, predictProbabilities, aggregateByVideo, type Evaluation, type VideoPrediction } from './lib/evaluation/evaluate-classifier';
export { classificationMetrics, F1_DEFINITION, type ClassificationMetrics } from './lib/evaluation/metrics';
