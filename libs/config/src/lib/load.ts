// Loading a profile: read the JSON file, resolve `extends` (deep merge, arrays replace), apply
// `--set` overrides, validate against ProfileSchema, freeze. Every failure is one ConfigError line
// naming the file (or the override) to fix and the field path.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { configError, ConfigError, describeValue, dotted } from './errors';
import { deepFreeze, deepMerge, definesPath, getPath, isPlainObject, setPath, type DeepReadonly } from './merge';
import { ProfileSchema, type ProfileData } from './schema/profile';
import { allowedKeys, closest } from './shape';
import { defaultProfilesDir, displayPath, findWorkspaceRoot, nearestWorkspaceRoot } from './workspace';

export const PROFILE_NAMES = ['smoke', 'cpu', 'paper'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export const DEFAULT_PROFILE: ProfileName = 'cpu';

/** Provenance added by the loader next to the validated values. */
export interface ProfileMeta {
  /** Profile name ("cpu") or the file's base name for a path. */
  name: string;
  /** Absolute path of the file that was loaded. */
  source: string;
  /** The `extends` chain, base first, as display paths. */
  chain: string[];
  /** The `--set` overrides applied last, by dotted key. */
  overrides: Record<string, unknown>;
}

/** A resolved, validated, deep-frozen profile. */
export type Profile = DeepReadonly<ProfileData & ProfileMeta>;

export interface LoadProfileOptions {
  /** Dotted-key overrides applied after the files, e.g. { 'grid.seeds': 3 }. */
  overrides?: Record<string, unknown>;
  /** Where profile names are looked up; default <workspace root>/experiments/profiles. */
  profilesDir?: string;
}

interface Layer {
  file: string;
  where: string;
  content: Record<string, unknown>;
}

const NAME = /^[A-Za-z0-9_-]+$/;

function locate(nameOrPath: string, dir: string, relativeTo: string): string {
  return NAME.test(nameOrPath) ? join(dir, `${nameOrPath}.json`) : resolve(relativeTo, nameOrPath);
}

function readLayers(file: string, profilesDir: string, seen: string[]): Layer[] {
  const where = displayPath(file);
  if (seen.includes(file))
    throw configError(where, 'extends', `expected no cycle, got ${[...seen, file].map((f) => displayPath(f)).join(' -> ')}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw configError(where, '', code === 'ENOENT' ? 'no such profile file' : `cannot read (${code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw configError(where, '', `invalid JSON (${(e as Error).message}); fix the syntax`);
  }
  if (!isPlainObject(json)) throw configError(where, '', `expected a JSON object, got ${describeValue(json)}`);
  const { extends: parent, ...content } = json;
  if (parent === undefined) return [{ file, where, content }];
  if (typeof parent !== 'string' || parent === '')
    throw configError(where, 'extends', `expected a profile name or a path, got ${describeValue(parent)}`);
  const parentFile = locate(parent, dirname(file), dirname(file));
  if (!existsSync(parentFile))
    throw configError(where, 'extends', `expected an existing profile, got ${JSON.stringify(parent)} (${displayPath(parentFile)} does not exist)`);
  return [...readLayers(parentFile, profilesDir, [...seen, file]), { file, where, content }];
}

/** Which layer (or override) a field comes from: the one to fix. */
function originOf(path: readonly PropertyKey[], layers: Layer[], overrides: Record<string, unknown>): string {
  const key = dotted(path);
  for (const k of Object.keys(overrides).reverse())
    if (k === key || key.startsWith(`${k}.`) || k.startsWith(`${key}.`)) return `--set ${k}`;
  for (const layer of [...layers].reverse()) if (definesPath(layer.content, path)) return layer.where;
  return layers[0].where;
}

function issueDetail(issue: z.core.$ZodIssue, value: unknown): string {
  const got = `, got ${describeValue(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('expected')
        ? issue.message + got
        : `expected ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}${got}`;
    case 'invalid_value':
      return issue.message.startsWith('expected')
        ? issue.message + got
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`;
    default:
      return (issue.message.startsWith('expected') ? issue.message : `expected ${issue.message.toLowerCase()}`) + got;
  }
}

/**
 * Validates an in-memory profile object (e.g. a config read back from the registry).
 * `where` names the origin in error messages.
 */
export function validateProfile(data: unknown, where = 'profile'): ProfileData {
  return check(data, [{ file: where, where, content: isPlainObject(data) ? data : {} }], {});
}

function check(merged: unknown, layers: Layer[], overrides: Record<string, unknown>): ProfileData {
  const result = ProfileSchema.safeParse(merged);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const issue = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const path = [...issue.path, key];
    const allowed = allowedKeys(ProfileSchema, issue.path);
    const guess = closest(key, allowed);
    const fix = guess ? `did you mean "${guess}"?` : `remove it (allowed here: ${allowed.join(', ')})`;
    throw configError(originOf(path, layers, overrides), dotted(path), `unknown field; ${fix}${more}`);
  }
  const value = getPath(merged, issue.path);
  throw configError(originOf(issue.path, layers, overrides), dotted(issue.path), issueDetail(issue, value) + more);
}

/**
 * Loads a profile by name (`<profilesDir>/<name>.json`) or by path (relative to the current
 * directory), resolves `extends`, applies overrides, validates and deep-freezes it.
 * Throws ConfigError (one line) on any problem.
 */
export function loadProfile(nameOrPath: string, opts: LoadProfileOptions = {}): Profile {
  const profilesDir = opts.profilesDir ?? defaultProfilesDir(findWorkspaceRoot());
  const file = locate(nameOrPath, profilesDir, process.cwd());
  if (!existsSync(file)) {
    const known = listProfiles(profilesDir);
    throw NAME.test(nameOrPath)
      ? configError(
          displayPath(file),
          '',
          `unknown profile "${nameOrPath}"; expected one of ${known.join(', ') || '(none found)'} or a path to a profile .json file`,
        )
      : configError(displayPath(file), '', 'no such file; expected a profile name (smoke, cpu, paper) or a path to a profile .json file');
  }
  const layers = readLayers(file, profilesDir, []);
  const overrides = { ...(opts.overrides ?? {}) };
  let merged: unknown = layers.reduce<unknown>((acc, l) => deepMerge(acc, l.content), {});
  for (const [key, value] of Object.entries(overrides)) {
    if (key.trim() === '') throw configError('--set', '', 'expected a non-empty field path');
    merged = setPath(merged, key.split('.'), value);
  }
  if (isPlainObject(merged) && layers.every((l) => l.content.notes === undefined || isPlainObject(l.content.notes)))
    merged = { ...merged, notes: layeredNotes(layers, Object.keys(overrides)) };
  const data = check(merged, layers, overrides);
  checkWritePaths(data, overrides);
  const name = NAME.test(nameOrPath) ? nameOrPath : basename(file).replace(/\.json$/i, '');
  const meta: ProfileMeta = { name, source: file, chain: layers.map((l) => l.where), overrides };
  return deepFreeze({ ...meta, ...data });
}

/**
 * Folders the platform writes to (data.cacheDir) stay inside the workspace: `--set
 * data.cacheDir=../../tmp/x` once wrote outside it. A relative path must resolve inside the
 * workspace root; an absolute one is accepted only from the command line (--set), where a user
 * names it on purpose, not from a shared profile file.
 */
function checkWritePaths(data: ProfileData, overrides: Record<string, unknown>): void {
  const root = nearestWorkspaceRoot(process.cwd());
  if (root === undefined) return;
  for (const [field, value] of [['data.cacheDir', data.data.cacheDir]] as const) {
    const fromCommandLine = field in overrides;
    const where = fromCommandLine ? '--set' : 'profile';
    if (isAbsolute(value)) {
      if (!fromCommandLine) throw configError(where, field, `${value} is absolute; a profile gives a path inside the workspace (or pass an absolute one with --set ${field}=...)`);
      continue;
    }
    const inside = relative(root, resolve(root, value));
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw configError(where, field, `${value} resolves outside the workspace (${resolve(root, value)}); give a path inside it, or an absolute path with --set ${field}=...`);
    }
  }
}

/** Dotted paths of the leaves (scalars and whole arrays) of a JSON object. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (!isPlainObject(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * A note documents the value of the layer that set it: when a later layer (or --set) changes a
 * value under a noted path, the inherited note no longer describes it and is dropped.
 */
function layeredNotes(layers: Layer[], overrideKeys: string[]): Record<string, unknown> {
  const related = (note: string, leaf: string) => note === leaf || leaf.startsWith(`${note}.`) || note.startsWith(`${leaf}.`);
  let notes: Record<string, unknown> = {};
  const drop = (leaves: string[]) => {
    notes = Object.fromEntries(Object.entries(notes).filter(([n]) => !leaves.some((l) => related(n, l))));
  };
  for (const layer of layers) {
    const { notes: own, ...values } = layer.content;
    drop(leafPaths(values));
    notes = { ...notes, ...(own as Record<string, unknown> | undefined) };
  }
  drop(overrideKeys);
  return notes;
}

/** Names of the profile files in a directory (without .json), sorted. */
export function listProfiles(profilesDir: string = defaultProfilesDir()): string[] {
  if (!existsSync(profilesDir)) return [];
  return readdirSync(profilesDir)
    .filter((f) => f.endsWith('.json') && NAME.test(f.slice(0, -5)))
    .map((f) => f.slice(0, -5))
    .sort();
}

/**
 * The values of a profile without the loader's metadata and the documentation-only `notes`:
 * what a run records as its config (and what its key hashes).
 */
export function profileValues(profile: Profile): DeepReadonly<Omit<ProfileData, 'notes'>> {
  const { name: _n, source: _s, chain: _c, overrides: _o, notes: _notes, ...values } = profile;
  return values;
}

export { ConfigError };
