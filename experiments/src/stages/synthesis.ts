// Table 2, stage 3: one synthetic video per lesion image, for each generator and split.
import { notImplemented, type Stage } from './stage';

export const synthesisStage: Stage = {
  id: 'synthesis',
  title: 'synthesis',
  tables: ['table2'],
  plan: ({ data, splits, lddm }) =>
    `${data.images.benign + data.images.malignant} images x 2 generators x ${splits.ratios.length} splits, ` +
    `${data.framesPerClip} frames each (LDDM sampler ${lddm.stage2.sampler.kind}${lddm.stage2.sampler.kind === 'ddim' ? ` ${lddm.stage2.sampler.ddimSteps} steps` : ''})`,
  available: notImplemented('trainer synthesize'),
};
