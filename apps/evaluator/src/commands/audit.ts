// evaluator audit <runId>: provenance of one run, its artifacts re-hashed, its key recomputed.
import { commonArgs, defineCommand, EXIT_FAILURE, UsageError, withOptions, withRegistry } from '@lddm/cli-kit';
import { z } from 'zod';
import { auditRun, formatAudit } from '../lib/audit';

export const auditCommand = defineCommand({
  command: 'audit <runId>',
  describe: "a run's provenance; re-hashes its artifacts and recomputes its key (exit 1 if anything changed)",
  options: (y) =>
    withOptions(y.positional('runId', { type: 'number', describe: 'run id (see `evaluator runs`)' }), 'db', 'json'),
  schema: z.object({
    runId: z.number({ error: 'expected a run id (a positive integer)' }).int({ error: 'expected a run id (a positive integer)' }).positive({ error: 'expected a run id (a positive integer)' }),
    db: commonArgs.db,
    json: commonArgs.json,
  }),
  handler: (args, ctx) =>
    withRegistry(args.db, { mustExist: true }, async (registry) => {
      const run = registry.getRun(args.runId);
      if (!run) throw new UsageError(`<runId>: no run ${args.runId} in ${registry.path}`);
      const report = await auditRun(registry, run);
      ctx.print(args.json ? JSON.stringify(report, null, 2) : formatAudit(report));
      return report.ok ? undefined : EXIT_FAILURE;
    }),
});
