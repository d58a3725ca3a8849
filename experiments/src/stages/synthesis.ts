// Table 2, stage 3: one synthetic video per lesion image, for each generator and split.
import { pipelineDataStep, synthesisStep } from '@lddm/pipeline';
import { generatorsOf, ratiosOf } from './generators';
import type { Stage } from './stage';

export const synthesisStage: Stage = {
  id: 'synthesis',
  title: 'synthesis',
  tables: ['table2'],
  plan: (profile) => {
    const { data, grid, lddm } = profile;
    const generators = generatorsOf(profile, 'table2');
    return (
      `${data.images.benign + data.images.malignant} images x ${generators.length} generator(s) (${generators.join(', ')}) x ${grid.ratios.length} splits, ` +
      `${data.framesPerClip} frames each (LDDM sampler ${lddm.stage2.sampler.kind}${lddm.stage2.sampler.kind === 'ddim' ? ` ${lddm.stage2.sampler.ddimSteps} steps` : ''})`
    );
  },
  available: () => ({ ok: true }),
  build: (graph, { env, profile }) => {
    const data = graph.step('data', () => pipelineDataStep(env));
    for (const generator of generatorsOf(profile, 'table2')) for (const ratio of ratiosOf(profile, 'table2')) synthesisStep(graph, env, data, generator, ratio, 'busi');
    return {};
  },
};
