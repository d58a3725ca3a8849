// report: renders what the registry holds (Table 1 / Table 2 reports arrive with the pipeline).
import { main } from '@lddm/cli-kit';
import { runsCommand } from './commands/runs';

await main({
  scriptName: 'report',
  describe: 'Render reports (Markdown, CSV, JSON) from the run registry.',
  commands: [runsCommand],
});
