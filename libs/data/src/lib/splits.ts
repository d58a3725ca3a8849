// Train/test splits by video (never by clip: clips of one video are near duplicates), seeded,
// and stratified by class. Per class, the video ids (sorted, so the input order does not matter)
// are shuffled by a stream named after the seed and the class, and the first k go to training.
// k follows the largest-remainder rule: each class gets floor(n_c * f) or one more, and the
// total is round(N * f), so every class is within one video of the ratio and the totals match.
// The permutation does not depend on the ratio, so for one seed the training sets are nested
// (3:7 within 5:5 within 7:3): comparing ratios changes only how much data there is.
import { deriveSeed, Rng } from '@lddm/runtime';
import { parseRatio, formatRatio } from './ratio';

export interface SplitItem {
  id: string;
  label: number;
  /** Patient / source (video-groups.ts). When items have groups, whole groups go to one side. */
  group?: string;
}

export interface SplitOptions {
  seed: number;
  /** Keep each class's proportion on both sides (the profile's splits.stratified). */
  stratified: boolean;
}

/** A split as saved with a run and shown by an audit: plain JSON. */
export interface VideoSplit {
  version: 1;
  ratio: string;
  seed: number;
  stratified: boolean;
  /** Video ids, sorted. */
  train: string[];
  test: string[];
  /** Videos per class name on each side. */
  counts: { train: Record<string, number>; test: Record<string, number> };
  /** Present only for a split by group: the groups on each side (sorted). */
  groups?: { train: string[]; test: string[] };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function makeSplit(data: { classes: readonly string[]; videos: readonly SplitItem[] }, ratioText: string, options: SplitOptions): VideoSplit {
  const ratio = parseRatio(ratioText);
  const { stratified } = options;
  const n = data.videos.length;
  if (n < 2) throw new RangeError(`split ${ratioText}: needs at least 2 videos, got ${n}`);
  if (new Set(data.videos.map((v) => v.id)).size !== n) throw new RangeError(`split ${ratioText}: video ids are not unique`);
  const grouped = data.videos.filter((v) => v.group !== undefined).length;
  if (grouped > 0) {
    if (grouped < n) throw new RangeError(`split ${ratioText}: ${n - grouped} of ${n} videos have no group`);
    return makeGroupedSplit(data, ratioText, options);
  }
  const groups = stratified
    ? data.classes.map((c, label) => ({ name: c, ids: data.videos.filter((v) => v.label === label).map((v) => v.id) }))
    : [{ name: '*', ids: data.videos.map((v) => v.id) }];
  const sum = ratio.train + ratio.test;
  // Largest remainder: exact integers, n_c * train = q * sum + r.
  const quotas = groups.map((g) => ({ k: Math.floor((g.ids.length * ratio.train) / sum), r: (g.ids.length * ratio.train) % sum, size: g.ids.length }));
  // Both sides need at least one video.
  const total = Math.min(n - 1, Math.max(1, Math.round((n * ratio.train) / sum)));
  let missing = total - quotas.reduce((s, q) => s + q.k, 0);
  const order = quotas.map((_, i) => i).sort((a, b) => quotas[b].r - quotas[a].r || a - b);
  for (let pass = 0; missing !== 0 && pass < 2 * groups.length; pass++) {
    const i = order[pass % order.length];
    const step = missing > 0 ? (quotas[i].k < quotas[i].size ? 1 : 0) : quotas[i].k > 0 ? -1 : 0;
    quotas[i].k += step;
    missing -= step;
  }
  const train: string[] = [];
  const test: string[] = [];
  groups.forEach((g, i) => {
    const perm = new Rng(deriveSeed(options.seed, 'splits', stratified ? g.name : '*')).shuffle([...g.ids].sort(byCodePoint));
    train.push(...perm.slice(0, quotas[i].k));
    test.push(...perm.slice(quotas[i].k));
  });
  const count = classCounter(data);
  return {
    version: 1,
    ratio: formatRatio(ratio),
    seed: options.seed,
    stratified,
    train: train.sort(byCodePoint),
    test: test.sort(byCodePoint),
    counts: { train: count(train), test: count(test) },
  };
}

function classCounter(data: { classes: readonly string[]; videos: readonly SplitItem[] }): (ids: string[]) => Record<string, number> {
  const labelOf = new Map(data.videos.map((v) => [v.id, v.label]));
  return (ids) => {
    const c: Record<string, number> = Object.fromEntries(data.classes.map((name) => [name, 0]));
    for (const id of ids) c[data.classes[labelOf.get(id)!]] += 1;
    return c;
  };
}

/**
 * A split by group: every group (patient / source) lies wholly on one side. Stratified: each
 * group counts for its majority class (ties: the lower label); per class the groups are shuffled
 * (seeded by the seed and the class, independent of the ratio) and the training side takes the
 * prefix whose video count is nearest the class's share (the shortest on ties), so training
 * sets stay nested across ratios. Class balance holds as well as the group sizes allow.
 */
function makeGroupedSplit(data: { classes: readonly string[]; videos: readonly SplitItem[] }, ratioText: string, options: SplitOptions): VideoSplit {
  const ratio = parseRatio(ratioText);
  const { stratified } = options;
  const members = new Map<string, SplitItem[]>();
  for (const v of data.videos) members.set(v.group!, [...(members.get(v.group!) ?? []), v]);
  if (members.size < 2) throw new RangeError(`split ${ratioText}: a split by group needs at least 2 groups, got ${members.size}`);
  const majority = (items: SplitItem[]) => {
    const votes = new Map<number, number>();
    for (const v of items) votes.set(v.label, (votes.get(v.label) ?? 0) + 1);
    return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  };
  const buckets = (stratified ? data.classes.map((name, label) => ({ name, label })) : [{ name: '*', label: -1 }]).map(({ name, label }) => {
    const names = [...members.keys()].filter((g) => label < 0 || majority(members.get(g)!) === label).sort(byCodePoint);
    return { name, groups: new Rng(deriveSeed(options.seed, 'splits-groups', name)).shuffle(names), k: 0 };
  });
  const f = ratio.train / (ratio.train + ratio.test);
  for (const b of buckets) {
    const sizes = b.groups.map((g) => members.get(g)!.length);
    const target = sizes.reduce((a, x) => a + x, 0) * f;
    let best = Infinity;
    for (let k = 0, cum = 0; k <= sizes.length; cum += sizes[k] ?? 0, k++) {
      if (Math.abs(cum - target) < best) {
        best = Math.abs(cum - target);
        b.k = k;
      }
    }
  }
  // Both sides need a group: move the cheapest one across.
  const inTrain = () => buckets.reduce((a, b) => a + b.k, 0);
  if (inTrain() === 0) buckets.filter((b) => b.groups.length > 0).sort((x, y) => y.groups.length - x.groups.length)[0].k = 1;
  if (inTrain() === members.size) buckets.sort((x, y) => y.k - x.k)[0].k -= 1;
  const side = (train: boolean) => buckets.flatMap((b) => (train ? b.groups.slice(0, b.k) : b.groups.slice(b.k)));
  const ids = (groups: string[]) => groups.flatMap((g) => members.get(g)!.map((v) => v.id)).sort(byCodePoint);
  const [trainGroups, testGroups] = [side(true), side(false)];
  const count = classCounter(data);
  const [train, test] = [ids(trainGroups), ids(testGroups)];
  return {
    version: 1,
    ratio: formatRatio(ratio),
    seed: options.seed,
    stratified,
    train,
    test,
    counts: { train: count(train), test: count(test) },
    groups: { train: trainGroups.sort(byCodePoint), test: testGroups.sort(byCodePoint) },
  };
}

/** One split per ratio (the profile's splits.ratios), same seed. */
export function makeSplits(data: { classes: readonly string[]; videos: readonly SplitItem[] }, ratios: readonly string[], options: SplitOptions): VideoSplit[] {
  return ratios.map((r) => makeSplit(data, r, options));
}
