export { augmentClips, type ClipAugment } from './augment-clips';
export { trainStage1, type ClipArray, type Stage1TrainingConfig, type Stage1TrainingOptions } from './train-stage1';
export { trainStage2, encodeClips, stage2SamplingModule, type EncodedClips, type Stage2TrainingConfig, type Stage2TrainingOptions } from './train-stage2';
export { AdversarialTraining } from './adversarial-training';
