// Table 2, stage 3: one synthetic video per lesion image, for each generator and split.
import type { Profile } from '@lddm/config';
import { ensureSynthesis, regimeParts, type GeneratorId } from '@lddm/pipeline';
import type { Stage } from './stage';

/** The generators Table 1 compares and the synthetic regimes of the grid use. */
export function synthesisGenerators(profile: Profile): GeneratorId[] {
  const used = profile.grid.regimes.map((r) => regimeParts(r).generator).filter((g): g is GeneratorId => g !== null);
  return [...new Set<GeneratorId>([...profile.grid.table1.generators, ...used])];
}

export const synthesisStage: Stage = {
  id: 'synthesis',
  title: 'synthesis',
  tables: ['table2'],
  plan: (profile) => {
    const { data, grid, lddm } = profile;
    const generators = synthesisGenerators(profile);
    return (
      `${data.images.benign + data.images.malignant} images x ${generators.length} generator(s) (${generators.join(', ')}) x ${grid.ratios.length} splits, ` +
      `${data.framesPerClip} frames each (LDDM sampler ${lddm.stage2.sampler.kind}${lddm.stage2.sampler.kind === 'ddim' ? ` ${lddm.stage2.sampler.ddimSteps} steps` : ''})`
    );
  },
  available: () => ({ ok: true }),
  run: async ({ pipeline, profile }) => {
    for (const generator of synthesisGenerators(profile)) for (const ratio of profile.grid.ratios) await ensureSynthesis(pipeline, generator, ratio, 'busi');
  },
};
