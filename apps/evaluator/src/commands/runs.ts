// evaluator runs: the runs in the registry, newest first.
import { commonArgs, defineCommand, RUN_COLUMNS, withOptions, withRegistry } from '@lddm/cli-kit';
import { renderTable } from '@lddm/reporting';
import { schema } from '@lddm/registry';
import { z } from 'zod';

const SHOWN = ['id', 'experiment', 'kind', 'status', 'profile', 'seed', 'backend', 'started_at', 'wall_seconds', 'key'];

export const runsCommand = defineCommand({
  command: 'runs',
  describe: 'list the runs in the registry, newest first',
  options: (y) =>
    withOptions(
      y
        .option('kind', { type: 'string', requiresArg: true, describe: 'only runs of this kind' })
        .option('status', { type: 'string', requiresArg: true, choices: schema.RUN_STATUSES, describe: 'only runs with this status' })
        .option('experiment', { type: 'string', requiresArg: true, describe: 'only runs of this experiment' })
        .option('limit', { type: 'number', requiresArg: true, describe: 'at most this many runs' }),
      'db',
      'json',
    ),
  schema: z.object({
    kind: z.string().min(1, { error: 'expected a run kind' }).optional(),
    status: z.enum(schema.RUN_STATUSES).optional(),
    experiment: z.string().min(1, { error: 'expected an experiment name' }).optional(),
    limit: z.number({ error: 'expected a positive integer' }).int({ error: 'expected a positive integer' }).positive({ error: 'expected a positive integer' }).optional(),
    db: commonArgs.db,
    json: commonArgs.json,
  }),
  handler: ({ db, json, ...filter }, ctx) =>
    withRegistry(db, { mustExist: true }, (registry) => {
      const runs = registry.listRuns(filter);
      if (json) return ctx.print(renderTable(runs, RUN_COLUMNS, 'json'));
      if (runs.length === 0) return ctx.print(`no runs in ${registry.path}`);
      const columns = RUN_COLUMNS.filter((c) => SHOWN.includes(c.header)).map((c) =>
        c.header === 'key' ? { ...c, value: (r: (typeof runs)[number]) => r.key.slice(0, 12) } : c,
      );
      ctx.print(renderTable(runs, columns, 'text'));
    }),
});
