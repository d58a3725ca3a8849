import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { DEFAULT_PROFILE, PROFILE_NAMES, listProfiles, loadProfile, profileValues, type Profile } from './load';
import { parseOverride, parseOverrides } from './override';
import { findWorkspaceRoot } from './workspace';
import { latentSize } from './schema/derived';

const load = (name: string, overrides?: Record<string, unknown>) => loadProfile(name, { overrides });

/** The one-line message of a ConfigError thrown by fn. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected a ConfigError');
}

function tempProfiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lddm-profiles-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('built-in profiles', () => {
  it.each(PROFILE_NAMES)('%s loads, validates and names its source', (name) => {
    const p = load(name);
    expect(p.name).toBe(name);
    expect(p.source).toMatch(new RegExp(`experiments[/\\\\]profiles[/\\\\]${name}\\.json$`));
    expect(p.chain.at(-1)).toBe(`experiments/profiles/${name}.json`);
  });

  it('lists the three profiles and defaults to cpu', () => {
    expect(listProfiles()).toEqual(['cpu', 'paper', 'smoke']);
    expect(DEFAULT_PROFILE).toBe('cpu');
  });

  it('paper carries the paper / reference numbers', () => {
    const p = load('paper');
    expect(p.data.phantom).toMatchObject({ videos: 188, malignant: 113, benign: 75, minFrames: 48, maxFrames: 160 });
    expect(p.data.images).toMatchObject({ benign: 445, malignant: 210 });
    expect([p.data.clipLength, p.data.framesPerClip]).toEqual([48, 16]);
    expect(p.splits.ratios).toEqual(['7:3', '5:5', '3:7']);
    expect(p.lddm.stage1.loss).toEqual({ l1: 10, perceptual: 30, kl: 1e-6 });
    expect(p.lddm.stage1.optimizer.lr).toBe(1e-5);
    expect(p.lddm.stage2).toMatchObject({ timesteps: 1000, batchSize: 16, schedule: { kind: 'linear', betaStart: 1e-4, betaEnd: 0.02 } });
    expect(p.lddm.stage2.optimizer.lr).toBe(0.01);
    expect(p.cinn).toMatchObject({ latentDim: 64, batchSize: 50, train: { length: 31 }, lrSchedule: { kind: 'step', stepSize: 6, gamma: 0.5 } });
    expect(p.cinn.optimizer).toMatchObject({ lr: 1e-5, betas: [0.9, 0.99], amsgrad: true });
    expect(p.cinn.flow).toMatchObject({ blocks: 20, hidden: [512, 512, 512], leakyAlpha: 0.9, leakyLogdet: true });
    expect(p.cinn.condEncoder.backbone).toMatchObject({ block: 'bottleneck', layers: [3, 4, 6, 3] });
    expect(p.classifiers.train.epochs).toBe(50);
    expect(p.metrics).toMatchObject({ frames: 16, size: 224, div: { samples: 5 } });
    expect(p.grid.regimes).toHaveLength(5);
  });
});

describe('profiles scale down: smoke < cpu <= paper', () => {
  const [smoke, cpu, paper] = (['smoke', 'cpu', 'paper'] as const).map((n) => load(n));
  const measures: [string, (p: Profile) => number][] = [
    ['clip pixels', (p) => p.data.framesPerClip * p.data.imageSize ** 2],
    ['image size', (p) => p.data.imageSize],
    ['phantom frames', (p) => p.data.phantom.maxFrames],
    ['synthetic-source images', (p) => p.data.images.benign + p.data.images.malignant],
    ['encoder width', (p) => Math.max(...p.lddm.stage1.encoder.channels)],
    ['decoder nf', (p) => p.lddm.stage1.decoder.nf * p.lddm.stage1.decoder.channelMults[0]],
    ['latent size', (p) => latentSize(p.lddm.stage1, p.data)],
    ['stage-1 epochs', (p) => p.lddm.stage1.train.length],
    ['denoiser width', (p) => Math.max(...p.lddm.stage2.denoiser.widths)],
    ['flow blocks', (p) => p.cinn.flow.blocks],
    ['c3d width', (p) => Math.max(...p.classifiers.c3d.widths)],
    ['c3d input', (p) => p.classifiers.c3d.inputSize],
    ['tsm width', (p) => Math.max(...p.classifiers.tsm.backbone.widths)],
    ['atmnet dims', (p) => Math.max(...p.classifiers.atmnet.dims)],
    ['classifier epochs', (p) => p.classifiers.train.epochs],
    ['metric size', (p) => p.metrics.size],
  ];
  it.each(measures)('%s', (_label, f) => {
    expect(f(smoke)).toBeLessThan(f(cpu));
    expect(f(cpu)).toBeLessThanOrEqual(f(paper));
  });

  it('smoke has fewer videos than cpu, and cpu keeps BUSV counts', () => {
    expect(smoke.data.phantom.videos).toBeLessThan(cpu.data.phantom.videos);
    expect(cpu.data.phantom.videos).toBe(paper.data.phantom.videos);
  });

  it('smoke still runs the whole Table 2 grid (one seed instead of three)', () => {
    expect({ ...smoke.grid, seeds: paper.grid.seeds }).toEqual(paper.grid);
    expect([smoke.grid.seeds, cpu.grid.seeds, paper.grid.seeds]).toEqual([1, 3, 3]);
  });

  it('profiles differ in values only, never in structure', () => {
    const shape = (v: unknown): unknown =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'notes' && k !== 'chain' && k !== 'source').map(([k, x]) => [k, shape(x)]))
        : Array.isArray(v) ? 'array' : typeof v;
    expect(shape(smoke)).toEqual(shape(paper));
    expect(shape(cpu)).toEqual(shape(paper));
  });
});

describe('the resolved profile', () => {
  it('is deep-frozen', () => {
    const p = load('smoke') as unknown as { data: { imageSize: number; phantom: { size: number } }; splits: { ratios: string[] } };
    expect(Object.isFrozen(p)).toBe(true);
    expect(() => {
      p.data.imageSize = 1;
    }).toThrow(TypeError);
    expect(() => {
      p.data.phantom.size = 1;
    }).toThrow(TypeError);
    expect(() => p.splits.ratios.push('1:1')).toThrow(TypeError);
  });

  it('applies overrides last, and profileValues drops the metadata', () => {
    const p = load('smoke', { 'grid.seeds': 3, 'grid.ratios': ['7:3'], 'splits.ratios.0': '7:3' });
    expect(p.grid.seeds).toBe(3);
    expect(p.grid.ratios).toEqual(['7:3']);
    expect(p.overrides).toEqual({ 'grid.seeds': 3, 'grid.ratios': ['7:3'], 'splits.ratios.0': '7:3' });
    const values = profileValues(p) as Record<string, unknown>;
    for (const k of ['name', 'source', 'chain', 'overrides', 'notes']) expect(values).not.toHaveProperty(k);
    expect(values).toHaveProperty('grid');
  });

  it('keeps a note only while the layer that wrote it still sets the value', () => {
    const paper = load('paper').notes;
    const smoke = load('smoke').notes;
    expect(paper['data.imageSize']).toMatch(/128/);
    expect(smoke).not.toHaveProperty('data.imageSize'); // smoke sets data.imageSize itself
    expect(smoke['lddm.stage1.loss']).toBe(paper['lddm.stage1.loss']); // inherited value, inherited note
    expect(smoke['data']).toMatch(/20 phantom videos/);
    expect(load('smoke', { 'lddm.stage1.loss.kl': 0 }).notes).not.toHaveProperty('lddm.stage1.loss');
  });

  it('loads a profile by path and resolves extends next to it', () => {
    const dir = tempProfiles({ 'mine.json': JSON.stringify({ extends: 'base', description: 'mine' }), 'base.json': JSON.stringify({ ...load('smoke'), name: undefined, source: undefined, chain: undefined, overrides: undefined }) });
    const p = loadProfile(join(dir, 'mine.json'));
    expect(p.name).toBe('mine');
    expect(p.description).toBe('mine');
    expect(p.data.imageSize).toBe(32);
  });
});

describe('one-line errors naming the file, the field and the fix', () => {
  const dirWith = (child: Record<string, unknown>) =>
    tempProfiles({ 'x.json': JSON.stringify({ extends: join(process.cwd(), '../../experiments/profiles/smoke.json'), ...child }) });

  it('unknown key (with a suggestion)', () => {
    const dir = dirWith({ grid: { seedz: 2 } });
    expect(errorOf(() => loadProfile('x', { profilesDir: dir }))).toBe(`${join(dir, 'x.json')}: grid.seedz: unknown field; did you mean "seeds"?`);
  });

  it('unknown key at the top level lists the allowed keys', () => {
    const msg = errorOf(() => loadProfile('x', { profilesDir: dirWith({ zzzzzzzz: 1 }) }));
    expect(msg).toMatch(/x\.json: zzzzzzzz: unknown field; remove it \(allowed here: description, notes, data, /);
  });

  it('wrong type and out-of-range values', () => {
    const dir = dirWith({ grid: { seeds: -1 } });
    expect(errorOf(() => loadProfile('x', { profilesDir: dir }))).toBe(`${join(dir, 'x.json')}: grid.seeds: expected a positive integer, got -1`);
    const msg = errorOf(() => loadProfile('x', { profilesDir: dirWith({ data: { imageSize: '64' } }) }));
    expect(msg).toMatch(/x\.json: data\.imageSize: expected a positive integer, got "64"$/);
    const en = errorOf(() => loadProfile('x', { profilesDir: dirWith({ lddm: { stage2: { sampler: { kind: 'euler' } } } }) }));
    expect(en).toMatch(/lddm\.stage2\.sampler\.kind: expected one of "ddpm", "ddim", got "euler"$/);
  });

  it('cross-field rules name the field to change', () => {
    const msg = errorOf(() => loadProfile('x', { profilesDir: dirWith({ data: { phantom: { videos: 21 } } }) }));
    expect(msg).toMatch(/x\.json: data\.phantom\.videos: expected malignant \+ benign = 20, got 21$/);
    expect(errorOf(() => load('smoke', { 'grid.ratios': ['6:4'] }))).toMatch(/^--set grid\.ratios: grid\.ratios\.0: expected one of splits\.ratios/);
    expect(errorOf(() => load('smoke', { 'lddm.stage2.schedule.betaStart': 0.03 }))).toMatch(/lddm\.stage2\.schedule\.betaEnd: expected betaStart \(0\.03\) < betaEnd < 1/);
    expect(errorOf(() => load('smoke', { 'lddm.stage1.decoder.nf': 3 }))).toMatch(/lddm\.stage1\.decoder\.channelMults\.2: expected nf x 2 = 6 to be a multiple of encoder\.groups \(4\)/);
  });

  it('missing profile', () => {
    expect(errorOf(() => load('nosuch'))).toBe(
      'experiments/profiles/nosuch.json: unknown profile "nosuch"; expected one of cpu, paper, smoke or a path to a profile .json file',
    );
    expect(errorOf(() => loadProfile('./nowhere/p.json'))).toMatch(/nowhere\/p\.json: no such file; expected a profile name/);
  });

  it('bad JSON', () => {
    const dir = tempProfiles({ 'bad.json': '{ "extends": "paper", }' });
    expect(errorOf(() => loadProfile('bad', { profilesDir: dir }))).toMatch(/bad\.json: invalid JSON \(.+\); fix the syntax$/);
  });

  it('bad extends: missing parent and cycles', () => {
    const dir = tempProfiles({ 'a.json': '{"extends": "b"}', 'b.json': '{"extends": "a"}', 'c.json': '{"extends": "zz"}' });
    expect(errorOf(() => loadProfile('a', { profilesDir: dir }))).toMatch(/extends: expected no cycle, got .*a\.json -> .*b\.json -> .*a\.json$/);
    expect(errorOf(() => loadProfile('c', { profilesDir: dir }))).toMatch(/c\.json: extends: expected an existing profile, got "zz"/);
  });

  it('bad override: unknown key, bad value, bad syntax', () => {
    expect(errorOf(() => load('smoke', { 'grid.seedz': 1 }))).toBe('--set grid.seedz: grid.seedz: unknown field; did you mean "seeds"?');
    expect(errorOf(() => load('smoke', { 'grid.seeds': 0 }))).toBe('--set grid.seeds: grid.seeds: expected a positive integer, got 0');
    expect(errorOf(() => parseOverride('grid.seeds'))).toBe('--set grid.seeds: expected key=value, e.g. --set grid.seeds=3');
    expect(errorOf(() => parseOverride('=3'))).toMatch(/^--set =3: expected a dotted field path before "="/);
    expect(errorOf(() => parseOverride('a.b='))).toMatch(/expected a value after "="/);
  });
});

describe('parseOverride', () => {
  it('parses JSON values and keeps other text as strings', () => {
    expect(parseOverride('a.b.c=3')).toEqual({ key: 'a.b.c', value: 3 });
    expect(parseOverride('x=1e-4')).toEqual({ key: 'x', value: 1e-4 });
    expect(parseOverride('x=true')).toEqual({ key: 'x', value: true });
    expect(parseOverride('x=null')).toEqual({ key: 'x', value: null });
    expect(parseOverride('x=["7:3"]')).toEqual({ key: 'x', value: ['7:3'] });
    expect(parseOverride('x=7:3')).toEqual({ key: 'x', value: '7:3' });
    expect(parseOverride('x=a=b')).toEqual({ key: 'x', value: 'a=b' });
    expect(parseOverrides(['a=1', 'a=2', 'b=x'])).toEqual({ a: 2, b: 'x' });
  });

  it('reads a bracketed list whose quotes a shell removed (nx run passes arguments through one)', () => {
    expect(parseOverride('grid.regimes=[real]')).toEqual({ key: 'grid.regimes', value: ['real'] });
    expect(parseOverride('x=[real, synthetic:lddm, 3]')).toEqual({ key: 'x', value: ['real', 'synthetic:lddm', 3] });
    expect(parseOverride('x=[7:3,5:5]')).toEqual({ key: 'x', value: ['7:3', '5:5'] });
    expect(parseOverride('x=[]')).toEqual({ key: 'x', value: [] });
  });
});

describe('folders the platform writes to stay inside the workspace (data.cacheDir)', () => {
  it('a relative path must resolve inside the workspace; an absolute one only from --set', () => {
    expect(loadProfile('smoke').data.cacheDir).toBe('.lddm/cache');
    expect(loadProfile('smoke', { overrides: { 'data.cacheDir': 'tmp/cache' } }).data.cacheDir).toBe('tmp/cache');
    expect(loadProfile('smoke', { overrides: { 'data.cacheDir': '/tmp/elsewhere' } }).data.cacheDir).toBe('/tmp/elsewhere');
    expect(() => loadProfile('smoke', { overrides: { 'data.cacheDir': '../../tmp/x' } })).toThrow(ConfigError);
    expect(() => loadProfile('smoke', { overrides: { 'data.cacheDir': '../../tmp/x' } })).toThrow(/^--set: data\.cacheDir: \.\.\/\.\.\/tmp\/x resolves outside the workspace .*; give a path inside it, or an absolute path with --set/);
    const dir = mkdtempSync(join(tmpdir(), 'profile-abs-'));
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ extends: join(findWorkspaceRoot(), 'experiments', 'profiles', 'smoke.json'), data: { cacheDir: '/tmp/shared-cache' } }));
    expect(() => loadProfile(file)).toThrow(/data\.cacheDir: \/tmp\/shared-cache is absolute; a profile gives a path inside the workspace/);
  });
});
