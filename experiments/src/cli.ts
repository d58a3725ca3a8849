// The command line of experiments/src/table1.ts and table2.ts (also behind the Nx targets).
import { defineCommand, main, PIPELINE_OPTIONS, pipelineArgs, withOptions } from '@lddm/cli-kit';
import { withPipeline, withPlan } from '@lddm/pipeline';
import type { Profile } from '@lddm/config';
import { z } from 'zod';
import { runTable } from './run-table';
import type { TableId } from './stages';

const TITLES: Record<TableId, string> = {
  table1: 'Table 1: video synthesis quality (FVD, DTFVD, LPIPS, DIV) of LDDM and the cINN baseline.',
  table2: 'Table 2: C3D / TSM / TDN / ATMNet trained on real, synthetic and real+synthetic videos at 7:3 / 5:5 / 3:7.',
};

export function tableCommand(table: TableId) {
  return defineCommand({
    command: '$0',
    describe: TITLES[table],
    options: (y) =>
      withOptions(
        y
          .option('workers', { type: 'number', requiresArg: true, describe: 'worker processes for the classifier grid (default runtime.workers; at most one per core)' })
          .option('workers-max-override', { type: 'boolean', describe: 'allow more grid workers than this machine has cores' })
          .option('plan', { type: 'boolean', describe: 'print every step with its run key and whether it would be reused; run nothing, write nothing' }),
        ...PIPELINE_OPTIONS,
      ),
    schema: z.object({ workers: z.number().int().min(1).optional(), workersMaxOverride: z.boolean().default(false), plan: z.boolean().default(false), ...pipelineArgs }),
    handler: async (args, ctx) => {
      const log = (line: string) => ctx.print(line);
      const opening = { ...args, experiment: (profile: Profile) => `${table}-${profile.name}` };
      if (args.plan) return withPlan(opening, log, (plan) => runTable({ table, plan, workers: args.workers, log }));
      return withPipeline(opening, log, (pipeline) => runTable({ table, pipeline, workers: args.workers, oversubscribe: args.workersMaxOverride, log }));
    },
  });
}

export async function tableMain(table: TableId): Promise<void> {
  await main({ scriptName: table, describe: TITLES[table], commands: [tableCommand(table)] });
}

