// evaluator table1: Table 1 rows as registry runs (kind 'table1'): for each generator, videos from
// the first frame of each test video of the split, scored with FVD, DTFVD, LPIPS, DIV, SSIM and
// PSNR (the work is in @lddm/pipeline); prints the rows beside the paper's values, the extractor
// named in each column header.
import { defineCommand, PIPELINE_OPTIONS, pipelineArgs, withOptions } from '@lddm/cli-kit';
import { GENERATORS, RATIO_PATTERN, type GeneratorId } from '@lddm/config';
import { z } from 'zod';

const isGenerator = (g: string): g is GeneratorId => (GENERATORS as readonly string[]).includes(g);

const generatorList = z.string().transform((s, ctx): GeneratorId[] => {
  const list = s.split(',').map((g) => g.trim()).filter(Boolean);
  const unknown = list.filter((g) => !isGenerator(g));
  if (list.length === 0 || unknown.length > 0) {
    ctx.addIssue({ code: 'custom', message: `expected comma-separated generators among ${GENERATORS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}` });
    return z.NEVER;
  }
  return list.filter(isGenerator);
});

export const table1Command = defineCommand({
  command: 'table1',
  describe: 'score each generator on the test videos of a split (FVD, DTFVD, LPIPS, DIV, SSIM, PSNR, and FVD on an in-domain I3D trained on the split when metrics.inDomain.enabled) and print Table 1 beside the paper (--force recomputes the scores only, not the generators or videos)',
  options: (y) =>
    withOptions(
      y
        .option('split', { type: 'string', requiresArg: true, describe: 'the split, e.g. 7:3 (default: grid.table1.ratio)' })
        .option('generators', { type: 'string', requiresArg: true, describe: `comma-separated, among ${GENERATORS.join(', ')} (default: grid.table1.generators)` }),
      ...PIPELINE_OPTIONS,
    ),
  schema: z.object({
    split: z.string().regex(RATIO_PATTERN, { error: 'expected a ratio "train:test" such as "7:3"' }).optional(),
    generators: generatorList.optional(),
    ...pipelineArgs,
  }),
  handler: async (args, ctx) => {
    // The pipeline (tfjs and every model) loads when the command runs, not for --help.
    const { ensureTable1Row, table1Report, withPipeline } = await import('@lddm/pipeline');
    // --force recomputes the Table 1 rows, not the generators and videos they score.
    return withPipeline({ ...args, force: false }, (line) => ctx.warn(line), async (p) => {
      const ratio = args.split ?? p.profile.grid.table1.ratio;
      const generators: GeneratorId[] = args.generators ?? [...p.profile.grid.table1.generators];
      const runIds: number[] = [];
      for (const generator of generators) {
        const step = await ensureTable1Row(p, generator, ratio, { force: args.force });
        runIds.push(step.outcome.run.id);
      }
      const { markdown } = table1Report(p.registry, { ratio, generators });
      ctx.print(`Table 1, split ${ratio} (runs ${runIds.join(', ')}):\n\n${markdown}`);
    });
  },
});
