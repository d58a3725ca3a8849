// Options and output shared by the generator commands (trainer lddm, trainer cinn).
import type { Registry } from '@lddm/registry';
import type { Argv } from 'yargs';

export function generatorOptions(y: Argv): Argv {
  return y
    .option('split', { type: 'string', requiresArg: true, describe: 'the split whose training videos train the generator, e.g. 7:3 (default: grid.table1.ratio)' })
    .option('source', { choices: ['busi', 'test'] as const, describe: 'synthesize: from the BUSI lesion images (busi) or the first frames of the test videos (test)' })
    .option('samples', { type: 'number', requiresArg: true, describe: 'synthesize: videos per condition frame (default 1)' })
    .option('force', { type: 'boolean', describe: 'recompute even when a finished run with the same key exists' });
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
