// Last stage: the HTML report (and the tables' Markdown / CSV / JSON) from the registry alone,
// for this experiment's runs, into <state dir>/reports/<experiment>/.
import { join } from 'node:path';
import { writeReport } from '@lddm/reporting';
import type { Stage } from './stage';

export const reportStage: Stage = {
  id: 'report',
  title: 'report',
  tables: ['table1', 'table2'],
  plan: (_p, table) => `${table === 'table1' ? 'Table 1' : 'Table 2'} next to the paper's numbers, charts, figures and provenance: report.html, tables.md, CSV, JSON`,
  available: () => ({ ok: true }),
  build: (_graph, { experiment, log }) => ({
    after: async ({ registry, stateDir }) => {
      const out = join(stateDir, 'reports', experiment);
      const { html } = await writeReport(registry, out, { experiment });
      log(`report: ${html}`);
      log(`tables: ${join(out, 'tables.md')}`);
    },
  }),
};
