// Stage 2: per split, on its training videos only: LDDM (stage 1, stage 2) and the cINN
// (conditioning VAE, flow on the shared or its own stage-1 latents). Each step is a registry run.
// (Synthesis and Table 1 add these steps too: the stage only fixes where they come in the order.)
import { latentShape, type Profile } from '@lddm/config';
import type { GeneratorId } from '@lddm/config';
import { generatorSteps, pipelineDataStep, regimeParts } from '@lddm/pipeline';
import type { Stage, TableId } from './stage';

/** The generators a table needs: Table 1's list, or those the Table 2 regimes use. */
export function generatorsOf(p: Profile, table: TableId): GeneratorId[] {
  if (table === 'table1') return [...p.grid.table1.generators];
  const used = new Set(p.grid.regimes.map((r) => regimeParts(r).generator));
  return (['lddm', 'cinn'] as const).filter((g) => used.has(g));
}

/** The splits a table needs. */
export const ratiosOf = (p: Profile, table: TableId): string[] => (table === 'table1' ? [p.grid.table1.ratio] : [...p.grid.ratios]);

export const generatorsStage: Stage = {
  id: 'generators',
  title: 'generators',
  tables: ['table1', 'table2'],
  plan: (p, table) => {
    const s1 = p.lddm.stage1;
    const s2 = p.lddm.stage2;
    return (
      `${generatorsOf(p, table).join(' + ') || 'none'} per split (${ratiosOf(p, table).join(', ')}): LDDM stage 1 (z ${JSON.stringify(latentShape(s1, p.data))}, ${s1.train.length} ${s1.train.unit}), ` +
      `stage 2 (T ${s2.timesteps}, ${s2.train.length} ${s2.train.unit}); cINN (${p.cinn.flow.blocks} blocks, ${p.cinn.train.length} ${p.cinn.train.unit}, ` +
      `${p.cinn.shareStage1 ? 'shared' : 'own'} stage 1)`
    );
  },
  available: () => ({ ok: true }),
  build: (graph, { env, table, profile }) => {
    const data = graph.step('data', () => pipelineDataStep(env));
    for (const ratio of ratiosOf(profile, table)) for (const generator of generatorsOf(profile, table)) generatorSteps(graph, env, data, generator, ratio);
    return {};
  },
};
