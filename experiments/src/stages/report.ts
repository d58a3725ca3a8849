// Last stage: render the table from the registry (the report reads only the registry).
import { notImplemented, type Stage } from './stage';

export const reportStage: Stage = {
  id: 'report',
  title: 'report',
  tables: ['table1', 'table2'],
  plan: (_p, table) => `${table === 'table1' ? 'Table 1' : 'Table 2'} next to the paper's numbers (shared/paper/tables.json)`,
  available: notImplemented('report table1 / table2'),
};
