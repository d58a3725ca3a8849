import { describe, expect, it } from 'vitest';
import { parseRatio } from './ratio';
import { checkSplitCovers, parseSplit } from './split-record';
import { makeSplit, makeSplits } from './splits';

// BUSV's balance: 75 benign, 113 malignant; ids deliberately not in label order.
const videos = Array.from({ length: 188 }, (_, i) => ({ id: `v${String((i * 37) % 188).padStart(3, '0')}`, label: i < 75 ? 0 : 1 }));
const data = { classes: ['benign', 'malignant'], videos };
const RATIOS = ['7:3', '5:5', '3:7'];

describe('makeSplit', () => {
  it.each(RATIOS)('%s: disjoint, covers every video, stratified within one video per class', (ratio) => {
    const s = makeSplit(data, ratio, { seed: 0, stratified: true });
    const train = new Set(s.train);
    expect(s.test.filter((id) => train.has(id))).toEqual([]);
    expect([...s.train, ...s.test].sort()).toEqual(videos.map((v) => v.id).sort());
    const { train: a, test: b } = parseRatio(ratio);
    const f = a / (a + b);
    expect(Math.abs(s.counts.train.benign - 75 * f)).toBeLessThan(1);
    expect(Math.abs(s.counts.train.malignant - 113 * f)).toBeLessThan(1);
    expect(s.train.length).toBe(Math.round(188 * f));
    expect(s.counts.train.benign + s.counts.test.benign).toBe(75);
    expect(s.counts.train.malignant + s.counts.test.malignant).toBe(113);
    // the counts are those of the listed ids
    const label = new Map(videos.map((v) => [v.id, v.label]));
    expect(s.train.filter((id) => label.get(id) === 0)).toHaveLength(s.counts.train.benign);
  });

  it('same seed, same split; another seed, another split; input order does not matter', () => {
    const a = makeSplit(data, '7:3', { seed: 1, stratified: true });
    expect(makeSplit({ ...data, videos: [...videos].reverse() }, '7:3', { seed: 1, stratified: true })).toEqual(a);
    const b = makeSplit(data, '7:3', { seed: 2, stratified: true });
    expect(b.train).not.toEqual(a.train);
    expect(b.counts).toEqual(a.counts);
  });

  it('training sets are nested across ratios for one seed', () => {
    const [s73, s55, s37] = makeSplits(data, RATIOS, { seed: 3, stratified: true });
    expect(s55.train.every((id) => s73.train.includes(id))).toBe(true);
    expect(s37.train.every((id) => s55.train.includes(id))).toBe(true);
  });

  it('rounds per class so that the totals match (largest remainder)', () => {
    // 5 + 5 videos at 7:3: 3.5 + 3.5 -> one class 4, the other 3, total round(7) = 7
    const small = { classes: ['a', 'b'], videos: Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, label: i % 2 })) };
    const s = makeSplit(small, '7:3', { seed: 0, stratified: true });
    expect(s.train).toHaveLength(7);
    expect([s.counts.train.a, s.counts.train.b].sort()).toEqual([3, 4]);
  });

  it('unstratified splits still match the total', () => {
    const s = makeSplit(data, '5:5', { seed: 0, stratified: false });
    expect(s.stratified).toBe(false);
    expect(s.train).toHaveLength(94);
  });

  it('rejects bad ratios and too few videos', () => {
    expect(() => makeSplit(data, '7-3', { seed: 0, stratified: true })).toThrow(/expected "train:test"/);
    expect(() => makeSplit({ classes: ['a'], videos: [{ id: 'x', label: 0 }] }, '7:3', { seed: 0, stratified: true })).toThrow(/at least 2 videos/);
  });
});

describe('saved splits', () => {
  it('round-trip through JSON and are checked', () => {
    const s = makeSplit(data, '3:7', { seed: 5, stratified: true });
    const back = parseSplit(JSON.parse(JSON.stringify(s)));
    expect(back).toEqual(s);
    checkSplitCovers(back, videos.map((v) => v.id));
    expect(() => parseSplit({ ...s, test: [...s.test, s.train[0]] })).toThrow(/on both sides/);
    expect(() => parseSplit({ ...s, version: 2 })).toThrow(/not a saved split/);
    expect(() => checkSplitCovers(s, [...videos.map((v) => v.id), 'new'])).toThrow(/video new of the dataset is on neither side/);
  });
});

describe('makeSplit by group (data.groups)', () => {
  // 60 patients with 1-5 clips each, three classes; a patient's clips share its class except a few.
  const patients = Array.from({ length: 60 }, (_, p) => ({ name: `P${String(p).padStart(2, '0')}`, label: p % 3, clips: 1 + ((p * 7) % 5) }));
  const grouped = {
    classes: ['a', 'b', 'c'],
    videos: patients.flatMap((p) => Array.from({ length: p.clips }, (_, i) => ({ id: `${p.name}_${i}`, label: i === 4 ? (p.label + 1) % 3 : p.label, group: p.name }))),
  };
  const groupOf = new Map(grouped.videos.map((v) => [v.id, v.group]));

  it.each(RATIOS)('%s: no group on both sides, every video once, near the ratio per class', (ratio) => {
    const s = makeSplit(grouped, ratio, { seed: 4, stratified: true });
    const trainGroups = new Set(s.train.map((id) => groupOf.get(id)));
    expect(s.test.filter((id) => trainGroups.has(groupOf.get(id)))).toEqual([]);
    expect([...s.train, ...s.test].sort()).toEqual(grouped.videos.map((v) => v.id).sort());
    expect(new Set(s.groups!.train)).toEqual(trainGroups);
    expect(s.groups!.train.length + s.groups!.test.length).toBe(60);
    const { train: a, test: b } = parseRatio(ratio);
    const f = a / (a + b);
    for (const c of grouped.classes) {
      const total = s.counts.train[c] + s.counts.test[c];
      // within the largest group (5 clips) of the class's share
      expect(Math.abs(s.counts.train[c] - total * f)).toBeLessThanOrEqual(5);
    }
    expect(parseSplit(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('is seeded, order-free and nested across ratios', () => {
    const a = makeSplit(grouped, '7:3', { seed: 5, stratified: true });
    expect(makeSplit({ ...grouped, videos: [...grouped.videos].reverse() }, '7:3', { seed: 5, stratified: true })).toEqual(a);
    expect(makeSplit(grouped, '7:3', { seed: 6, stratified: true }).train).not.toEqual(a.train);
    const [s73, s55, s37] = makeSplits(grouped, RATIOS, { seed: 5, stratified: true });
    expect(s55.train.every((id) => s73.train.includes(id))).toBe(true);
    expect(s37.train.every((id) => s55.train.includes(id))).toBe(true);
  });

  it('puts a group on each side even when the ratio would not, and refuses one group or partial groups', () => {
    const two = { classes: ['a'], videos: [{ id: 'x1', label: 0, group: 'X' }, { id: 'x2', label: 0, group: 'X' }, { id: 'y1', label: 0, group: 'Y' }] };
    const s = makeSplit(two, '3:7', { seed: 0, stratified: true });
    expect(s.groups!.train).toHaveLength(1);
    expect(s.groups!.test).toHaveLength(1);
    expect(() => makeSplit({ classes: ['a'], videos: two.videos.map((v) => ({ ...v, group: 'X' })) }, '7:3', { seed: 0, stratified: true })).toThrow(/at least 2 groups/);
    expect(() => makeSplit({ classes: ['a'], videos: [...two.videos, { id: 'z', label: 0 }] }, '7:3', { seed: 0, stratified: true })).toThrow(/1 of 4 videos have no group/);
  });

  it('a saved split with a group on both sides is refused', () => {
    const s = makeSplit(grouped, '5:5', { seed: 1, stratified: true });
    const bad = { ...s, groups: { train: s.groups!.train, test: [...s.groups!.test, s.groups!.train[0]] } };
    expect(() => parseSplit(bad)).toThrow(/group P\d+ is on both sides/);
  });
});
