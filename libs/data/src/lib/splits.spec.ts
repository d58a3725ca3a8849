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
