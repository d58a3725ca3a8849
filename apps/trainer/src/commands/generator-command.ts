// trainer lddm | cinn <train|synthesize>: one generator for one split, as registry runs (the work
// is in @lddm/pipeline). train = its training steps (each reused when finished, resumed from its
// checkpoint after a crash); synthesize = videos from the BUSI images or from the first frames of
// the split's test videos, written in the BUSV layout (trains first if needed).
import { defineCommand, PIPELINE_OPTIONS, pipelineArgs, withOptions } from '@lddm/cli-kit';
import { RATIO_PATTERN } from '@lddm/config';
import { ensureCinnFlow, ensureLddmStage2, ensureSynthesis, withPipeline, type GeneratorId } from '@lddm/pipeline';
import type { Registry } from '@lddm/registry';
import { z } from 'zod';

const TRAIN = { lddm: ensureLddmStage2, cinn: ensureCinnFlow } as const;
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
    handler: async (args, ctx) =>
      withPipeline(args, (line) => ctx.warn(line), async (p) => {
        const ratio = args.split ?? p.profile.grid.table1.ratio;
        if (args.action === 'train') {
          const step = await TRAIN[id](p, ratio);
          ctx.print(`${id} ${ratio}: run ${step.outcome.run.id} (${step.outcome.reused ? 'reused' : 'trained'})`);
          return;
        }
        const step = await ensureSynthesis(p, id, ratio, args.source, { samples: args.samples });
        ctx.print(summarizeSynthesis(p.registry, step.outcome.run.id));
      }),
  });
}

/** Where the videos are and the two checks (motion, fidelity to x0) of a synthesis run. */
export function summarizeSynthesis(registry: Registry, runId: number): string {
  const metrics = Object.fromEntries(registry.metrics(runId).map((m) => [m.name, m.value]));
  const manifest = registry.artifacts(runId).find((a) => a.kind === 'manifest');
  const strip = registry.artifacts(runId).find((a) => a.kind === 'strip');
  const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(4) : 'n/a');
  return [
    `synthesis run ${runId}: ${String(metrics.videos ?? '?')} videos`,
    `  videos   ${manifest ? manifest.path.replace(/manifest\.json$/, 'busv') : 'n/a'}`,
    `  strip    ${strip?.path ?? 'n/a'}`,
    `  motion   ${fmt(metrics.motion)} (mean |frame_t - frame_t-1|, data range [-1, 1])${metrics.real_motion !== undefined ? `; real test clips ${fmt(metrics.real_motion)}` : ''}`,
    `  x0 L1    ${fmt(metrics.x0_l1)} (mean |frame_0 - x0|)`,
  ].join('\n');
}
