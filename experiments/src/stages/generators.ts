// Stage 2: per split, on its training videos only: LDDM stage 1 and stage 2, then the cINN.
import { latentShape } from '@lddm/config';
import { notImplemented, type Stage } from './stage';

export const generatorsStage: Stage = {
  id: 'generators',
  title: 'generators',
  tables: ['table1', 'table2'],
  plan: (p, table) => {
    const ratios = table === 'table1' ? [p.grid.table1.ratio] : p.splits.ratios;
    const s1 = p.lddm.stage1;
    const s2 = p.lddm.stage2;
    return (
      `per split (${ratios.join(', ')}): LDDM stage 1 (z ${JSON.stringify(latentShape(s1, p.data))}, ${s1.train.length} ${s1.train.unit}), ` +
      `stage 2 (T ${s2.timesteps}, ${s2.train.length} ${s2.train.unit}); cINN (${p.cinn.flow.blocks} blocks, ${p.cinn.train.length} ${p.cinn.train.unit}, ` +
      `${p.cinn.shareStage1 ? 'shared' : 'own'} stage 1)`
    );
  },
  available: notImplemented('@lddm/lddm-core and @lddm/cinn-baseline'),
};
