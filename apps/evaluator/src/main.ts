// evaluator: scores and inspects runs (Table 1 metrics and classifier evaluation arrive with the
// pipeline issues).
import { main } from '@lddm/cli-kit';
import { auditCommand } from './commands/audit';
import { runsCommand } from './commands/runs';
import { table1Command } from './commands/table1';

await main({
  scriptName: 'evaluator',
  describe: 'Evaluate generators and classifiers; list and audit the runs in the registry.',
  commands: [runsCommand, auditCommand, table1Command],
});
