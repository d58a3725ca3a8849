// The command line of experiments/src/table1.ts and table2.ts (also behind the Nx targets).
import { commonArgs, defineCommand, main, openRunRegistry, resolveProfile, withOptions } from '@lddm/cli-kit';
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
    options: (y) => withOptions(y, 'profile', 'set', 'seed', 'backend', 'db'),
    schema: z.object({
      profile: commonArgs.profile,
      set: commonArgs.set,
      seed: commonArgs.seed,
      backend: commonArgs.backend,
      db: commonArgs.db,
    }),
    handler: async (args, ctx) => {
      const set = args.backend ? [...args.set, `runtime.backend=${args.backend}`] : args.set;
      const profile = resolveProfile({ ...args, set });
      const registry = openRunRegistry(args.db);
      try {
        await runTable({ table, profile, registry, log: (line) => ctx.print(line) });
      } finally {
        registry.close();
      }
    },
  });
}

export async function tableMain(table: TableId): Promise<void> {
  await main({ scriptName: table, describe: TITLES[table], commands: [tableCommand(table)] });
}

