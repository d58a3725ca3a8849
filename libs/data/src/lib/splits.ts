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
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function makeSplit(data: { classes: readonly string[]; videos: readonly SplitItem[] }, ratioText: string, options: SplitOptions): VideoSplit {
  const ratio = parseRatio(ratioText);
  const { stratified } = options;
  const n = data.videos.length;
  if (n < 2) throw new RangeError(`split ${ratioText}: needs at least 2 videos, got ${n}`);
  if (new Set(data.videos.map((v) => v.id)).size !== n) throw new RangeError(`split ${ratioText}: video ids are not unique`);
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
  const labelOf = new Map(data.videos.map((v) => [v.id, v.label]));
  const count = (ids: string[]) => {
    const c: Record<string, number> = Object.fromEntries(data.classes.map((name) => [name, 0]));
    for (const id of ids) c[data.classes[labelOf.get(id)!]] += 1;
    return c;
  };
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

/** One split per ratio (the profile's splits.ratios), same seed. */
export function makeSplits(data: { classes: readonly string[]; videos: readonly SplitItem[] }, ratios: readonly string[], options: SplitOptions): VideoSplit[] {
  return ratios.map((r) => makeSplit(data, r, options));
}
