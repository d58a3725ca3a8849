export { trainingPlan, epochBatches, gatherRows, concatRows, type TrainLength, type TrainingPlan } from './minibatches';
export { saveTrainingCheckpoint, restoreTrainingCheckpoint, type TrainingState } from './training-checkpoint';
export { trainLoop, type StepLosses, type TrainLoopOptions, type TrainLoopResult } from './train-loop';
export { copyWeights, updateWeightEma } from './weight-ema';
