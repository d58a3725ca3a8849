// A split read back from a run's record (JSON), checked before anyone trusts it: an audit that
// shows which videos were where must not show a split that overlaps or lost videos.
import { z } from 'zod';
import type { VideoSplit } from './splits';

const SplitSchema = z.object({
  version: z.literal(1),
  ratio: z.string(),
  seed: z.number().int(),
  stratified: z.boolean(),
  train: z.array(z.string()),
  test: z.array(z.string()),
  counts: z.object({ train: z.record(z.string(), z.number()), test: z.record(z.string(), z.number()) }),
  groups: z.object({ train: z.array(z.string()), test: z.array(z.string()) }).optional(),
});

export function parseSplit(json: unknown, where = 'split'): VideoSplit {
  const parsed = SplitSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`${where}: not a saved split (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  const split = parsed.data;
  const train = new Set(split.train);
  const both = split.test.find((id) => train.has(id));
  if (both !== undefined) throw new RangeError(`${where}: video ${both} is on both sides of the split`);
  const trainGroups = new Set(split.groups?.train ?? []);
  const shared = split.groups?.test.find((g) => trainGroups.has(g));
  if (shared !== undefined) throw new RangeError(`${where}: group ${shared} is on both sides of the split`);
  return split;
}

/** Throws unless the split covers exactly the given video ids. */
export function checkSplitCovers(split: VideoSplit, ids: readonly string[], where = 'split'): void {
  const inSplit = new Set([...split.train, ...split.test]);
  const missing = ids.find((id) => !inSplit.has(id));
  if (missing !== undefined) throw new RangeError(`${where}: video ${missing} of the dataset is on neither side`);
  const known = new Set(ids);
  const extra = [...inSplit].find((id) => !known.has(id));
  if (extra !== undefined) throw new RangeError(`${where}: video ${extra} is not in the dataset`);
}
