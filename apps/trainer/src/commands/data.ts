// trainer data phantom | inspect: write the phantom dataset, or look at a dataset (counts,
// errata, fingerprint, a split's sizes) and record it in the registry. The work is in @lddm/data.
import { commonArgs, defineCommand, profileDefault, resolveProfile, UsageError, withOptions, withRegistry } from '@lddm/cli-kit';
import { loadProfile, parseOverrides, RATIO_PATTERN } from '@lddm/config';
// Type-only at the top: @lddm/data and @lddm/runtime load when a command runs, not for --help.
import type { DatasetKind, PhantomProgress, PhantomSummary } from '@lddm/data';
import type { Progress } from '@lddm/runtime';
import type { Argv } from 'yargs';
import { z } from 'zod';

const SOURCES = ['busv', 'busi', 'videos', 'images'] as const;
const PHANTOM_ONLY = ['out', 'difficulty', 'workers'] as const;
const INSPECT_ONLY = [...SOURCES, 'split', 'db', 'includeNormal', 'errata', 'record'] as const;

function options(y: Argv): Argv {
  const dir = (describe: string) => ({ type: 'string', requiresArg: true, describe }) as const;
  return withOptions(
    y
      .positional('action', { choices: ['phantom', 'inspect'] as const, describe: 'phantom: write the phantom dataset; inspect: describe a dataset' })
      .option('out', dir('phantom: output folder (gets busv/ and busi/)'))
      .option('difficulty', { type: 'number', requiresArg: true, describe: `phantom: class overlap in [0, 1] (${profileDefault('data.phantom.difficulty')})` })
      .option('workers', { type: 'number', requiresArg: true, describe: 'phantom: worker threads (default min(2, cores))' })
      .option('busv', dir('inspect: a BUSV folder (holding rawframes/)'))
      .option('busi', dir('inspect: a BUSI folder (holding Dataset_BUSI_with_GT/)'))
      .option('videos', dir('inspect: a folder of class folders of videos (mp4, avi, mov, mpeg, gif) or frame folders'))
      .option('images', dir('inspect: a folder of class folders of png/jpg images'))
      .option('include-normal', { type: 'boolean', describe: 'inspect --busi: include the normal images' })
      .option('errata', { type: 'boolean', describe: 'inspect --busv: apply the known BUSV errata (default true; --no-errata)' })
      .option('split', { type: 'string', requiresArg: true, describe: 'inspect: also make this split, e.g. 7:3 (seed: --seed, else the profile\'s splits.seed)' })
      .option('record', { type: 'boolean', describe: 'inspect: record the dataset in the registry (default true; --no-record)' })
      .option('seed', { type: 'number', requiresArg: true, describe: `phantom: generator seed (${profileDefault('data.phantom.seed')}); inspect: split seed (${profileDefault('splits.seed')})` }),
    'profile',
    'set',
    'db',
    'json',
  );
}

const path = z.string({ error: 'expected a folder path' }).min(1, { error: 'expected a folder path' }).optional();
const schema = z.object({
  action: z.enum(['phantom', 'inspect']),
  out: path,
  // Range-checked by the profile schema (data.phantom.difficulty), the one place that validates it.
  difficulty: z.number({ error: 'expected a number in [0, 1]' }).optional(),
  workers: z.number({ error: 'expected a positive integer' }).int({ error: 'expected a positive integer' }).positive({ error: 'expected a positive integer' }).optional(),
  busv: path,
  busi: path,
  videos: path,
  images: path,
  includeNormal: z.boolean().optional(),
  errata: z.boolean().optional(),
  split: z.string().regex(RATIO_PATTERN, { error: 'expected a ratio "train:test" such as "7:3"' }).optional(),
  record: z.boolean().optional(),
  profile: commonArgs.profile,
  set: commonArgs.set,
  seed: commonArgs.seed,
  db: commonArgs.db,
  json: commonArgs.json,
});
type Args = z.output<typeof schema>;

const flag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function rejectOptions(args: Args, keys: readonly (keyof Args)[], action: string): void {
  const given = keys.find((k) => args[k] !== undefined);
  if (given) throw new UsageError(`${flag(given)} does not apply to data ${action}`);
}

async function phantom(args: Args, print: (t: string) => void): Promise<void> {
  rejectOptions(args, INSPECT_ONLY, 'phantom');
  if (args.out === undefined) throw new UsageError('data phantom: missing required option --out');
  // --seed and --difficulty are overrides of the profile's data.phantom, validated with it.
  const overrides = { ...parseOverrides(args.set), ...(args.seed !== undefined ? { 'data.phantom.seed': args.seed } : {}), ...(args.difficulty !== undefined ? { 'data.phantom.difficulty': args.difficulty } : {}) };
  const profile = loadProfile(args.profile, { overrides });
  const { generatePhantom } = await import('@lddm/data');
  const { createProgress } = await import('@lddm/runtime');
  const bars: Partial<Record<PhantomProgress['phase'], Progress>> = {};
  const onProgress = (p: PhantomProgress) => {
    const bar = (bars[p.phase] ??= createProgress({ label: `phantom ${p.phase}`, total: p.total, unit: p.phase === 'videos' ? 'video' : 'image' }));
    bar.tick();
    if (p.done === p.total) bar.done();
  };
  const summary = await generatePhantom(profile.data, { outDir: args.out, workers: args.workers, onProgress });
  print(args.json ? JSON.stringify(summary, null, 2) : formatPhantom(summary, profile.name));
}

function formatPhantom(s: PhantomSummary, profile: string): string {
  const c = s.counts;
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `phantom      profile ${profile}, seed ${s.config.seed}, difficulty ${s.config.difficulty}`,
    `videos       ${c.videos} (benign ${c.benign}, malignant ${c.malignant}), ${c.frames} frames of ${s.config.videos.size} px -> ${s.busvDir}`,
    `images       benign ${c.images.benign}, malignant ${c.images.malignant}, normal ${c.images.normal} of ${s.config.images.size} px -> ${s.busiDir}`,
    `time         ${sec(s.timings.totalMs)} (videos ${sec(s.timings.videosMs)}, images ${sec(s.timings.imagesMs)})`,
    `next         trainer data inspect --busv ${s.busvDir}`,
  ].join('\n');
}

async function inspect(args: Args, print: (t: string) => void): Promise<void> {
  rejectOptions(args, PHANTOM_ONLY, 'inspect');
  const given = SOURCES.filter((k) => args[k] !== undefined);
  if (given.length !== 1) throw new UsageError(`data inspect: give exactly one of ${SOURCES.map((s) => `--${s}`).join(', ')}${given.length ? ` (got ${given.map((g) => `--${g}`).join(', ')})` : ''}`);
  const kind: DatasetKind = given[0];
  if (args.includeNormal !== undefined && kind !== 'busi') throw new UsageError('--include-normal applies to --busi only');
  if (args.errata !== undefined && kind !== 'busv') throw new UsageError('--errata / --no-errata applies to --busv only');
  const splits = resolveProfile({ profile: args.profile, set: args.set }).splits;
  const { formatDatasetSummary, inspectDataset, isDataError, registryCounts } = await import('@lddm/data');
  let summary;
  try {
    summary = await inspectDataset(kind, args[kind]!, {
      includeNormal: args.includeNormal,
      errata: args.errata,
      split: args.split === undefined ? undefined : { ratio: args.split, seed: args.seed ?? splits.seed, stratified: splits.stratified },
    });
  } catch (error) {
    // Bad data is bad input: one line, exit 2.
    if (isDataError(error)) throw new UsageError(error.message);
    throw error;
  }
  let recorded: string | undefined;
  if (args.record !== false) {
    recorded = await withRegistry(args.db, {}, (registry) => {
      // `open`: how to read the dataset again, so that an audit can re-fingerprint it.
      const open = { kind, options: { includeNormal: args.includeNormal, errata: args.errata } };
      registry.recordDataset({ fingerprint: summary.fingerprint, kind, sourcePath: summary.root, counts: { ...registryCounts(summary), open } });
      return registry.path;
    });
  }
  print(args.json ? JSON.stringify({ ...summary, recorded: recorded ?? null }, null, 2) : `${formatDatasetSummary(summary)}\nregistry     ${recorded ? `recorded in ${recorded}` : 'not recorded (--no-record)'}`);
}

export const dataCommand = defineCommand({
  command: 'data <action>',
  describe: 'datasets: `data phantom --out DIR` writes the phantom BUSV/BUSI layouts; `data inspect --busv DIR` (or --busi, --videos, --images) counts, fingerprints and records one',
  options,
  schema,
  handler: (args, ctx) => (args.action === 'phantom' ? phantom(args, ctx.print) : inspect(args, ctx.print)),
});
