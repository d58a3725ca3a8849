// Options shared by the CLIs. A command opts in to the ones it uses (the parser is strict, so an
// option a command does not declare is an error there, not silently ignored).
import { BACKEND_CHOICES, DEFAULT_PROFILE, loadProfile, parseOverrides, PROFILE_NAMES, type Profile } from '@lddm/config';
import type { Argv } from 'yargs';
import { z } from 'zod';

// The backends are the profile's runtime.backend choices (libs/config), declared once there.
export { BACKEND_CHOICES };

const builders = {
  profile: (y: Argv) =>
    y.option('profile', {
      type: 'string',
      requiresArg: true,
      default: DEFAULT_PROFILE,
      describe: `profile name (${PROFILE_NAMES.join('|')}) or path to a profile .json`,
    }),
  set: (y: Argv) =>
    y.option('set', {
      type: 'string',
      requiresArg: true,
      describe: 'override one profile value, e.g. --set grid.seeds=3 (repeatable)',
    }),
  backend: (y: Argv) =>
    y.option('backend', {
      type: 'string',
      requiresArg: true,
      choices: BACKEND_CHOICES,
      describe: 'tensor backend (default: $LDDM_BACKEND, else auto)',
    }),
  db: (y: Argv) =>
    y.option('db', {
      type: 'string',
      requiresArg: true,
      describe: 'registry database file (default: $LDDM_DB, else <workspace>/.lddm/runs.db)',
    }),
  seed: (y: Argv) =>
    y.option('seed', { type: 'number', requiresArg: true, describe: 'root seed (overrides runtime.seed)' }),
  json: (y: Argv) => y.option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' }),
  force: (y: Argv) => y.option('force', { type: 'boolean', default: false, describe: 'recompute every step even when a finished run with its key exists' }),
} satisfies Record<string, (y: Argv) => Argv>;

export type CommonOption = keyof typeof builders;

/** Declares the named common options on a command. */
export function withOptions(y: Argv, ...names: CommonOption[]): Argv {
  return names.reduce((acc, n) => builders[n](acc), y);
}

const toList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** zod checks for the common options; spread the ones a command declares into its schema. */
export const commonArgs = {
  profile: z.string({ error: 'expected a profile name or path' }).min(1, { error: 'expected a profile name or path' }),
  set: z
    .union([z.string(), z.array(z.string())], { error: 'expected key=value' })
    .optional()
    .transform(toList),
  backend: z.enum(BACKEND_CHOICES, { error: `expected one of ${BACKEND_CHOICES.join(', ')}` }).optional(),
  db: z.string({ error: 'expected a file path' }).min(1, { error: 'expected a file path' }).optional(),
  seed: z
    .number({ error: 'expected a non-negative integer' })
    .int({ error: 'expected a non-negative integer' })
    .nonnegative({ error: 'expected a non-negative integer' })
    .optional(),
  // yargs' boolean default (false, declared in the builders above) is always present.
  json: z.boolean(),
  force: z.boolean(),
};

/** The options of every command that runs pipeline steps (profile, overrides, seed, backend, registry, --force). */
export const PIPELINE_OPTIONS = ['profile', 'set', 'seed', 'backend', 'db', 'force'] as const satisfies readonly CommonOption[];

/** Their zod checks, to spread into a command's schema. */
export const pipelineArgs = {
  profile: commonArgs.profile,
  set: commonArgs.set,
  seed: commonArgs.seed,
  backend: commonArgs.backend,
  db: commonArgs.db,
  force: commonArgs.force,
};

/**
 * Help text for a flag whose default is a profile field: the field and its value in each profile,
 * read from the profiles themselves so that --help cannot disagree with them.
 */
export function profileDefault(path: string): string {
  const valueIn = (name: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], loadProfile(name));
  try {
    return `default: the profile's ${path}; ${PROFILE_NAMES.map((n) => `${n} ${JSON.stringify(valueIn(n))}`).join(', ')}`;
  } catch {
    return `default: the profile's ${path}`; // no workspace (or a broken profile): name the field only
  }
}

/** Loads the profile named by --profile with the --set overrides (and --seed) applied. */
export function resolveProfile(args: { profile: string; set?: readonly string[]; seed?: number }): Profile {
  const overrides = parseOverrides(args.set ?? []);
  if (args.seed !== undefined) overrides['runtime.seed'] = args.seed;
  return loadProfile(args.profile, { overrides });
}
