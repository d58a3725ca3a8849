// evaluator audit <runId> | --all: provenance of runs, their artifacts re-hashed, their keys
// recomputed, their params and metrics checked against the digest stored when they ended.
// Exit codes: 0 every audited run is as recorded; 3 drift (a file, the key, or a recorded value
// no longer matches); 1 the audit itself failed; 2 bad input.
import { commonArgs, defineCommand, UsageError, withOptions, withRegistry } from '@lddm/cli-kit';
import { z } from 'zod';
import { auditRun, driftOf, formatAudit } from '../lib/audit';

export const EXIT_DRIFT = 3;

export const auditCommand = defineCommand({
  command: 'audit [runId]',
  describe: "a run's provenance; re-hashes its artifacts, recomputes its key, checks its params and metrics (exit 3 on drift); --all: every ended run",
  options: (y) =>
    withOptions(
      y.positional('runId', { type: 'number', describe: 'run id (see `evaluator runs`)' }).option('all', { type: 'boolean', describe: 'audit every run that has ended, one line each, and summarise' }),
      'db',
      'json',
    ),
  schema: z
    .object({
      runId: z.number({ error: 'expected a run id (a positive integer)' }).int({ error: 'expected a run id (a positive integer)' }).positive({ error: 'expected a run id (a positive integer)' }).optional(),
      all: z.boolean().default(false),
      db: commonArgs.db,
      json: commonArgs.json,
    })
    .refine((a) => (a.runId === undefined) !== !a.all, { error: 'give a run id or --all (one of them)' }),
  handler: (args, ctx) =>
    withRegistry(args.db, { mustExist: true }, async (registry) => {
      if (args.all) {
        const runs = registry.listRuns().filter((r) => r.status !== 'running').reverse();
        const reports = [];
        for (const run of runs) reports.push(await auditRun(registry, run));
        const drifted = reports.filter((r) => !r.ok);
        if (args.json) ctx.print(JSON.stringify(reports, null, 2));
        else {
          for (const r of reports) ctx.print(`run ${String(r.run.id).padStart(5)}  ${r.run.kind.padEnd(14)} ${r.run.status.padEnd(11)} ${r.ok ? 'ok' : `DRIFT: ${driftOf(r)}`}`);
          ctx.print(`audit: ${reports.length} run(s), ${reports.length - drifted.length} as recorded, ${drifted.length} drifted`);
        }
        return drifted.length > 0 ? EXIT_DRIFT : undefined;
      }
      const run = registry.getRun(args.runId!);
      if (!run) throw new UsageError(`<runId>: no run ${args.runId} in ${registry.path}`);
      const report = await auditRun(registry, run);
      ctx.print(args.json ? JSON.stringify(report, null, 2) : formatAudit(report));
      return report.ok ? undefined : EXIT_DRIFT;
    }),
});
