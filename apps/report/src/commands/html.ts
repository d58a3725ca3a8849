// report html: the HTML report (Table 1, Table 2 beside the paper, charts, strips, provenance)
// plus tables.md, table1/2.csv and table1/2.json, each written atomically into --out.
import { commonArgs, defineCommand, UsageError, withOptions, withRegistry } from '@lddm/cli-kit';
import { z } from 'zod';

export const htmlCommand = defineCommand({
  command: 'html',
  describe: "the self-contained HTML report and the tables' Markdown / CSV / JSON exports",
  options: (y) =>
    withOptions(
      y
        .option('out', { type: 'string', requiresArg: true, demandOption: true, describe: 'output folder (created if missing)' })
        .option('experiment', { type: 'string', requiresArg: true, describe: 'only runs of this experiment' }),
      'db',
    ),
  schema: z.object({
    out: z.string().min(1, { error: 'expected a folder path' }),
    experiment: z.string().min(1).optional(),
    db: commonArgs.db,
  }),
  handler: ({ out, experiment, db }, ctx) =>
    withRegistry(db, { mustExist: true }, async (registry) => {
      if (registry.listRuns({ status: 'finished', experiment, limit: 1 }).length === 0)
        throw new UsageError(`no finished runs${experiment ? ` of experiment "${experiment}"` : ''} in the registry at ${registry.path}: nothing to report`);
      // The report's renderer (charts, images) loads when the command runs, not for --help.
      const { writeReport } = await import('@lddm/reporting');
      const { html } = await writeReport(registry, out, { experiment });
      ctx.print(html);
    }),
});
