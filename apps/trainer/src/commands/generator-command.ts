// trainer lddm | cinn <train|synthesize>: one generator for one split, as registry runs (the work
// is in @lddm/pipeline). train = its training steps (each reused when finished, resumed from its
// checkpoint after a crash); synthesize = videos from the BUSI images or from the first frames of
// the split's test videos, written in the BUSV layout (trains first if needed).
import { defineCommand, PIPELINE_OPTIONS, pipelineArgs, withOptions } from '@lddm/cli-kit';
import { RATIO_PATTERN, type GeneratorId } from '@lddm/config';
import { z } from 'zod';

const WHAT = {
  lddm: 'LDDM (stage 1 autoencoder, stage 2 latent DDPM)',
  cinn: 'the cINN baseline (conditioning VAE, flow on the stage-1 latents)',
} as const;

export function generatorCommand(id: GeneratorId) {
  return defineCommand({
    command: `${id} <action>`,
    describe: `train ${WHAT[id]} on a split, or synthesize videos with it`,
    options: (y) =>
      withOptions(
        y
          .positional('action', { choices: ['train', 'synthesize'] as const, describe: 'train: every training step; synthesize: videos (trains first if needed)' })
          .option('split', { type: 'string', requiresArg: true, describe: 'the split whose training videos train the generator, e.g. 7:3 (default: grid.table1.ratio)' })
          .option('source', { choices: ['busi', 'test'] as const, describe: 'synthesize: from the BUSI lesion images (busi, default) or the first frames of the test videos (test)' })
          .option('samples', { type: 'number', requiresArg: true, describe: 'synthesize: videos per condition frame (default 1)' }),
        ...PIPELINE_OPTIONS,
      ),
    schema: z.object({
      action: z.enum(['train', 'synthesize']),
      split: z.string().regex(RATIO_PATTERN, { error: 'expected a ratio "train:test" such as "7:3"' }).optional(),
      source: z.enum(['busi', 'test']).default('busi'),
      samples: z.number().int().min(1).default(1),
      ...pipelineArgs,
    }),
    handler: async (args, ctx) => {
      // The pipeline (tfjs and every model) loads when the command runs, not for --help.
      const { ensureGenerator, ensureSynthesis, synthesisLine, withPipeline } = await import('@lddm/pipeline');
      return withPipeline(args, (line) => ctx.warn(line), async (p) => {
        const ratio = args.split ?? p.profile.grid.table1.ratio;
        if (args.action === 'train') {
          const [, step] = (await ensureGenerator(p, id, ratio)).at(-1)!;
          ctx.print(`${id} ${ratio}: run ${step.outcome.run.id} (${step.outcome.reused ? 'reused' : 'trained'})`);
          return;
        }
        const step = await ensureSynthesis(p, id, ratio, args.source, { samples: args.samples });
        ctx.print(synthesisLine(p.registry, 'synthesis', step.outcome.run.id, step.outcome.reused));
      });
    },
  });
}
