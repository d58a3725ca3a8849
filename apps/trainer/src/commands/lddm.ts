// trainer lddm train | synthesize: LDDM for one split, as registry runs (the work is in
// @lddm/pipeline and @lddm/lddm-core). train = stage 1 then stage 2 (each reused when finished,
// resumed from its checkpoint after a crash); synthesize = videos from BUSI images or from the
// first frames of the split's test videos, written in the BUSV layout.
import { commonArgs, defineCommand, withOptions } from '@lddm/cli-kit';
import { RATIO_PATTERN } from '@lddm/config';
import { ensureLddmStage2, ensureSynthesis, withPipeline } from '@lddm/pipeline';
import { z } from 'zod';
import { generatorOptions, summarizeSynthesis } from './generator-options';

export const lddmCommand = defineCommand({
  command: 'lddm <action>',
  describe: 'train LDDM (stage 1 autoencoder, stage 2 latent DDPM) on a split, or synthesize videos with it',
  options: (y) =>
    withOptions(
      generatorOptions(y.positional('action', { choices: ['train', 'synthesize'] as const, describe: 'train: both stages; synthesize: videos (trains first if needed)' })),
      'profile',
      'set',
      'seed',
      'backend',
      'db',
    ),
  schema: z.object({
    action: z.enum(['train', 'synthesize']),
    split: z.string().regex(RATIO_PATTERN, { error: 'expected a ratio "train:test" such as "7:3"' }).optional(),
    source: z.enum(['busi', 'test']).default('busi'),
    samples: z.number().int().min(1).default(1),
    force: z.boolean().default(false),
    profile: commonArgs.profile,
    set: commonArgs.set,
    seed: commonArgs.seed,
    backend: commonArgs.backend,
    db: commonArgs.db,
  }),
  handler: async (args, ctx) =>
    withPipeline(args, (line) => ctx.warn(line), async (p) => {
      const ratio = args.split ?? p.profile.grid.table1.ratio;
      if (args.action === 'train') {
        const step = await ensureLddmStage2(p, ratio);
        ctx.print(`lddm ${ratio}: stage 2 run ${step.outcome.run.id} (${step.outcome.reused ? 'reused' : 'trained'})`);
        return;
      }
      const step = await ensureSynthesis(p, 'lddm', ratio, args.source, { samples: args.samples });
      ctx.print(summarizeSynthesis(p.registry, step.outcome.run.id));
    }),
});
