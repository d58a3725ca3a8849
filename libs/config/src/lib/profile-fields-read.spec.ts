// Every field of the profile schema is read by the code (issue 14): a field that is validated but
// never read is a setting that silently does nothing. Static check over the non-test sources of
// libs/ and apps/ (the schema files, which declare and cross-check the fields, do not count):
// a leaf path such as lddm.stage2.emaDecay is read when
//   1. its property access chain appears: `stage2.emaDecay` (the last two segments, `?.` too), or
//   2. its section is handed over whole and read under the receiver's own name (`config.frames`,
//      `const { frames } = config`): then the key must be read in one of the section's READERS.
// A field added to the schema and read nowhere fails here; add the code that reads it (or, for a
// section read generically, its reader below), not an exception.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ProfileSchema } from './schema/profile';
import { findWorkspaceRoot } from './workspace';

/**
 * Sections passed to one consumer as a whole object, and the files or folders that read their
 * keys. `*` matches one path segment, `**` any number (shared shapes such as the optimiser).
 */
const READERS: Record<string, string[]> = {
  // Shared shapes, each read by its one generic consumer wherever a section embeds it.
  '**.optimizer': ['libs/nn/src/lib/optimizer.ts'],
  '**.lrSchedule': ['libs/nn/src/lib/optimizer.ts'],
  '**.train': ['libs/nn/src/lib/training'],
  // Sections given whole to the module that builds or runs from them.
  'data.phantom': ['libs/data/src/lib/phantom/config.ts'],
  'lddm.stage1': ['libs/pipeline/src/lib/lddm.ts', 'libs/lddm-core/src/lib'],
  'lddm.stage1.*': ['libs/lddm-core/src/lib'],
  'lddm.stage2.*': ['libs/lddm-core/src/lib'],
  'cinn': ['libs/pipeline/src/lib/cinn.ts'],
  'cinn.condEncoder': ['libs/cinn-baseline/src/lib/encoder'],
  'cinn.flow': ['libs/cinn-baseline/src/lib/flow/conditional-flow.ts'],
  'classifiers.c3d': ['libs/classifiers/src/lib/models/c3d.ts', 'libs/classifiers/src/lib/training'],
  'classifiers.tsm': ['libs/classifiers/src/lib/models/tsm.ts', 'libs/classifiers/src/lib/training'],
  'classifiers.tdn': ['libs/classifiers/src/lib/models/tdn', 'libs/classifiers/src/lib/training'],
  'classifiers.atmnet': ['libs/classifiers/src/lib/models/atmnet', 'libs/classifiers/src/lib/training'],
  'classifiers.train': ['libs/classifiers/src/lib/training', 'libs/classifiers/src/lib/evaluation'],
  'classifiers.train.augment': ['libs/classifiers/src/lib/training'],
};

/** Fields that are documentation, not settings: no code needs to read them. */
const DOCUMENTATION = ['description', 'notes'];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Dotted paths of the schema's leaves: every field that is not an object (lists and tuples are leaves). */
function leafPaths(schema: z.ZodType, prefix: string[] = []): string[][] {
  let d = defOf(schema);
  while (d.innerType) d = defOf(d.innerType); // default / nullable / optional wrappers
  if (d.type !== 'object' || !d.shape) return [prefix];
  return Object.entries(d.shape).flatMap(([k, s]) => leafPaths(s, [...prefix, k]));
}

const root = findWorkspaceRoot();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'testing' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = ['libs', 'apps']
  .flatMap((top) => readdirSync(join(root, top)).map((p) => join(root, top, p, 'src')))
  .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
  .flatMap(sources)
  .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
  .filter((f) => !f.path.startsWith('libs/config/src/lib/schema/'));
const everything = files.map((f) => f.text).join('\n');

const chainRead = (path: string[]): boolean =>
  path.length >= 2 && new RegExp(`\\b${path.at(-2)}\\??\\.${path.at(-1)}\\b`).test(everything);

const segment = (seg: string): string => (seg === '**' ? '.+' : seg === '*' ? '[^.]+' : seg);
const sectionMatches = (pattern: string, section: string[]): boolean =>
  new RegExp(`^${pattern.split('.').map(segment).join('\\.')}$`).test(section.join('.'));

/** `.key`, or `key` inside a destructuring pattern. */
const keyRead = (key: string, text: string): boolean => new RegExp(`\\.${key}\\b|[{,]\\s*${key}\\s*[,}:=]`).test(text);

function readerRead(path: string[]): boolean {
  const readers = Object.entries(READERS)
    .filter(([pattern]) => sectionMatches(pattern, path.slice(0, -1)))
    .flatMap(([, r]) => r);
  return files.some((f) => readers.some((r) => f.path === r || f.path.startsWith(`${r}/`)) && keyRead(path.at(-1)!, f.text));
}

describe('every profile field is read somewhere', () => {
  const leaves = leafPaths(ProfileSchema).filter((p) => !DOCUMENTATION.includes(p[0]));

  it('walks the whole schema', () => {
    expect(leaves.length).toBeGreaterThan(200);
    expect(leaves.map((p) => p.join('.'))).toContain('lddm.stage2.emaDecay');
  });

  it('finds a read of each leaf path (property chain, or the key in its section reader)', () => {
    const unread = leaves.filter((p) => !chainRead(p) && !readerRead(p)).map((p) => p.join('.'));
    expect(unread).toEqual([]);
  });

  it('the check catches a field nobody reads', () => {
    expect(chainRead(['cinn', 'flow', 'noSuchSetting']) || readerRead(['cinn', 'flow', 'noSuchSetting'])).toBe(false);
    expect(readerRead(['lddm', 'stage2', 'optimizer', 'noSuchSetting'])).toBe(false);
    // Removed in issue 14: validated ('avg' only) and never read.
    expect(chainRead(['classifiers', 'atmnet', 'temporalPool']) || readerRead(['classifiers', 'atmnet', 'temporalPool'])).toBe(false);
  });

  it('every reader exists and every reader pattern names sections of the schema', () => {
    const sections = leaves.map((p) => p.slice(0, -1));
    for (const [pattern, readers] of Object.entries(READERS)) {
      expect(sections.some((s) => sectionMatches(pattern, s)), pattern).toBe(true);
      for (const r of readers) expect(files.some((f) => f.path === r || f.path.startsWith(`${r}/`)), r).toBe(true);
    }
  });
});
