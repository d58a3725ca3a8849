// Which patient / source each video comes from (issue 15, `data.groups`). Clips of one patient
// are near duplicates of each other; a split that puts siblings on both sides inflates every
// test score. A rule names each video's group, either by a regular expression over its path
// relative to the dataset root (the first capture group is the group) or by a CSV of
// `path,group` rows. Every video must get a group: a silent fallback would quietly leak.
import { readFileSync } from 'node:fs';
import { DataError, errorLine } from './errors';

export type GroupRule = { pattern: string } | { csv: string };

/** The group of every video, by id. `root` is the dataset root (for messages). */
export function resolveGroups(videos: readonly { id: string; relPath: string }[], rule: GroupRule, root: string): Map<string, string> {
  return 'pattern' in rule ? groupsByPattern(videos, rule.pattern, root) : groupsByCsv(videos, rule.csv);
}

function groupsByPattern(videos: readonly { id: string; relPath: string }[], pattern: string, root: string): Map<string, string> {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (error) {
    throw new DataError('data.groups.pattern', `"${pattern}" is not a regular expression (${errorLine(error)})`, 'fix the pattern');
  }
  // A pattern without a capture group would name every video's group by the whole match.
  if (new RegExp(`${pattern}|`).exec('')!.length < 2) {
    throw new DataError('data.groups.pattern', `"${pattern}" has no capture group`, 'wrap the part naming the patient in parentheses, e.g. "^[^/]+/(P\\d+)_"');
  }
  const groups = new Map<string, string>();
  for (const v of videos) {
    const m = re.exec(v.relPath);
    const g = m?.[1];
    if (g === undefined || g === '') {
      throw new DataError(`${root}/${v.relPath}`, `data.groups.pattern "${pattern}" names no group for this video`, 'rename the file or widen the pattern so that its first capture matches every video path');
    }
    groups.set(v.id, g);
  }
  return groups;
}

function groupsByCsv(videos: readonly { id: string; relPath: string }[], csvPath: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(csvPath, 'utf8');
  } catch (error) {
    throw new DataError(csvPath, `cannot read the groups CSV (${errorLine(error)})`, 'point data.groups.csv at a file of "path,group" rows');
  }
  const byPath = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || (i === 0 && /^\s*path\s*,\s*group\s*$/i.test(line))) return;
    const cut = line.lastIndexOf(',');
    const path = line.slice(0, cut).trim();
    const group = line.slice(cut + 1).trim();
    if (cut < 0 || path === '' || group === '') throw new DataError(`${csvPath}:${i + 1}`, `expected "path,group", got "${line}"`, 'fix the row');
    if (byPath.has(path) && byPath.get(path) !== group) throw new DataError(`${csvPath}:${i + 1}`, `${path} is listed twice with different groups`, 'keep one row per path');
    byPath.set(path, group);
  });
  const groups = new Map<string, string>();
  for (const v of videos) {
    const g = byPath.get(v.relPath);
    if (g === undefined) throw new DataError(csvPath, `has no row for ${v.relPath}`, `add "${v.relPath},<group>"`);
    groups.set(v.id, g);
  }
  return groups;
}
