// nx run experiments:lddm [--configuration=smoke|cpu|paper]: LDDM on one split (default
// grid.table1.ratio): stage 1, stage 2, then videos from the BUSI images and from the first
// frames of the split's test videos. Every step is a registry run, reused when finished.
import { commonArgs, defineCommand, main, withOptions } from '@lddm/cli-kit';
import { RATIO_PATTERN } from '@lddm/config';
import { ensureLddmStage1, ensureLddmStage2, ensureSynthesis, withPipeline } from '@lddm/pipeline';
import { z } from 'zod';
import { synthesisLine, trainingLine } from './generator-summary';

const command = defineCommand({
  command: '$0',
  describe: 'Train LDDM on one split and synthesize videos from BUSI images and from test first frames.',
  options: (y) =>
    withOptions(y.option('split', { type: 'string', requiresArg: true, describe: 'split ratio (default grid.table1.ratio)' }).option('force', { type: 'boolean', describe: 'recompute every step' }), 'profile', 'set', 'seed', 'backend', 'db'),
  schema: z.object({
    split: z.string().regex(RATIO_PATTERN, { error: 'expected a ratio "train:test" such as "7:3"' }).optional(),
    force: z.boolean().default(false),
    profile: commonArgs.profile,
    set: commonArgs.set,
    seed: commonArgs.seed,
    backend: commonArgs.backend,
    db: commonArgs.db,
  }),
  handler: async (args, ctx) =>
    withPipeline({ ...args, experiment: (profile) => `lddm-${profile.name}` }, (line) => ctx.print(line), async (p) => {
      const ratio = args.split ?? p.profile.grid.table1.ratio;
      const s1 = await ensureLddmStage1(p, ratio);
      const s2 = await ensureLddmStage2(p, ratio);
      const busi = await ensureSynthesis(p, 'lddm', ratio, 'busi');
      const test = await ensureSynthesis(p, 'lddm', ratio, 'test');
      ctx.print(`LDDM, split ${ratio}, profile ${p.profile.name}:`);
      ctx.print(trainingLine(p.registry, 'stage 1', s1.outcome.run.id, s1.outcome.reused));
      ctx.print(trainingLine(p.registry, 'stage 2', s2.outcome.run.id, s2.outcome.reused));
      ctx.print(synthesisLine(p.registry, 'from BUSI', busi.outcome.run.id, busi.outcome.reused));
      ctx.print(synthesisLine(p.registry, 'from test x0', test.outcome.run.id, test.outcome.reused));
    }),
});

await main({ scriptName: 'lddm', describe: 'LDDM on one split', commands: [command] });
