// report: renders what the registry holds: the runs table, and the HTML report with its exports.
import { main } from '@lddm/cli-kit';
import { htmlCommand } from './commands/html';
import { runsCommand } from './commands/runs';

await main({
  scriptName: 'report',
  describe: 'Render reports (HTML, Markdown, CSV, JSON) from the run registry.',
  commands: [runsCommand, htmlCommand],
});
