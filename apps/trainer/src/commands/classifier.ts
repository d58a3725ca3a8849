// trainer classifier [train] | grid: one Table 2 cell (model, split, regime, seed) as a registry
// run, or the profile's whole grid in worker processes (the work is in @lddm/pipeline and
// @lddm/classifiers). Both reuse finished cells; --force recomputes.
import { commonArgs, defineCommand, profileDefault, withOptions } from '@lddm/cli-kit';
import { CLASSIFIER_IDS, RATIO_PATTERN, REGIMES } from '@lddm/config';
import { z } from 'zod';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export const classifierCommand = defineCommand({
  command: 'classifier [action]',
  describe: 'train and evaluate one Table 2 classifier cell (train), or run the whole grid of the profile (grid)',
  options: (y) =>
    withOptions(
      y
        .positional('action', { choices: ['train', 'grid'] as const, default: 'train', describe: 'train: one cell; grid: every cell of profile.grid' })
        .option('model', { choices: CLASSIFIER_IDS, describe: 'train: the classifier (default: the first of grid.models)' })
        .option('split', { type: 'string', requiresArg: true, describe: 'train: the split, e.g. 7:3 (default: the first of grid.ratios)' })
        .option('regime', { choices: REGIMES, describe: 'train: real, synthetic:<generator> or real+synthetic:<generator> (default real)' })
        .option('seed', { type: 'number', requiresArg: true, describe: 'train: the seed index of the cell, 0 .. grid.seeds - 1 (default 0; the root seed is --set runtime.seed=N)' })
        .option('workers', { type: 'number', requiresArg: true, describe: `grid: worker processes (${profileDefault('runtime.workers')}; at most one per core)` })
        .option('workers-max-override', { type: 'boolean', describe: 'grid: allow more workers than this machine has cores' })
        .option('force', { type: 'boolean', describe: 'recompute even when a finished run with the same key exists' }),
      'profile',
      'set',
      'backend',
      'db',
    ),
  schema: z.object({
    action: z.enum(['train', 'grid']).default('train'),
    model: z.enum(CLASSIFIER_IDS).optional(),
    split: z.string().regex(RATIO_PATTERN, { error: 'expected a ratio "train:test" such as "7:3"' }).optional(),
    regime: z.enum(REGIMES).default('real'),
    seed: z.number().int().min(0, { error: 'expected a non-negative integer' }).default(0),
    workers: z.number().int().min(1, { error: 'expected a positive integer' }).optional(),
    workersMaxOverride: z.boolean().default(false),
    force: z.boolean().default(false),
    profile: commonArgs.profile,
    set: commonArgs.set,
    backend: commonArgs.backend,
    db: commonArgs.db,
  }),
  handler: async (args, ctx) => {
    // The pipeline (tfjs and every model) loads when the command runs, not for --help.
    const { ensureClassifierCell, readTestMetrics, runClassifierGrid, withPipeline } = await import('@lddm/pipeline');
    return withPipeline({ profile: args.profile, set: args.set, backend: args.backend, db: args.db, force: args.force }, (line) => ctx.warn(line), async (p) => {
      if (args.action === 'grid') {
        const report = await runClassifierGrid(p, { workers: args.workers ?? p.profile.runtime.workers, oversubscribe: args.workersMaxOverride });
        ctx.print(`classifier grid: ${report.cells} cells (${report.ran} run now, ${report.skipped} already finished)`);
        return;
      }
      const cell = { model: args.model ?? p.profile.grid.models[0], ratio: args.split ?? p.profile.grid.ratios[0], regime: args.regime, seed: args.seed };
      const step = await ensureClassifierCell(p, cell);
      const m = readTestMetrics(p.registry, step.outcome.run.id);
      const ci = ([lo, hi]: [number, number]) => `[${pct(lo)}, ${pct(hi)}]`;
      ctx.print(
        [
          `classifier ${cell.model} ${cell.ratio} ${cell.regime} seed ${cell.seed}: run ${step.outcome.run.id} (${step.outcome.reused ? 'reused' : 'trained'})`,
          `  accuracy ${pct(m.accuracy)}  95% CI ${ci(m.accuracyCi)}`,
          `  F1       ${pct(m.f1)}  95% CI ${ci(m.f1Ci)}  (${String(p.registry.params(step.outcome.run.id)['f1Definition'] ?? '')})`,
        ].join('\n'),
      );
    });
  },
});
