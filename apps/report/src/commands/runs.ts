// report runs: the runs table as Markdown, CSV or JSON, to stdout or atomically to a file.
import { commonArgs, defineCommand, RUN_COLUMNS, withOptions, withRegistry, writeOutput } from '@lddm/cli-kit';
import { renderTable } from '@lddm/reporting';
import { schema } from '@lddm/registry';
import { z } from 'zod';

const FORMATS = ['md', 'csv', 'json'] as const;

export const runsCommand = defineCommand({
  command: 'runs',
  describe: 'the runs table (every run in the registry, newest first)',
  options: (y) =>
    withOptions(
      y
        .option('format', { type: 'string', requiresArg: true, choices: FORMATS, default: 'md', describe: 'output format' })
        .option('out', { type: 'string', requiresArg: true, describe: 'write to this file (atomically) instead of stdout' })
        .option('kind', { type: 'string', requiresArg: true, describe: 'only runs of this kind' })
        .option('status', { type: 'string', requiresArg: true, choices: schema.RUN_STATUSES, describe: 'only runs with this status' })
        .option('experiment', { type: 'string', requiresArg: true, describe: 'only runs of this experiment' }),
      'db',
    ),
  schema: z.object({
    format: z.enum(FORMATS),
    out: z.string().min(1, { error: 'expected a file path' }).optional(),
    kind: z.string().min(1).optional(),
    status: z.enum(schema.RUN_STATUSES).optional(),
    experiment: z.string().min(1).optional(),
    db: commonArgs.db,
  }),
  handler: ({ format, out, db, ...filter }, ctx) =>
    withRegistry(db, { mustExist: true }, (registry) => {
      const runs = registry.listRuns(filter);
      writeOutput(renderTable(runs, RUN_COLUMNS, format), out);
      if (out !== undefined) ctx.warn(`wrote ${runs.length} run${runs.length === 1 ? '' : 's'} to ${out}`);
    }),
});
