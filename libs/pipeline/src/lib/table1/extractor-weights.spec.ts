import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadProfile, parseOverrides } from '@lddm/config';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseExtractorWeights, weightsDirOf, WEIGHTS_DIR_ENV } from './extractor-weights';

const root = mkdtempSync(join(tmpdir(), 'table1-weights-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ctxWith = (weightsDir: string | null, lines: string[] = []) => ({
  profile: loadProfile('smoke', { overrides: parseOverrides([`metrics.weightsDir=${JSON.stringify(weightsDir)}`]) }),
  root,
  log: (line: string) => void lines.push(line),
});

describe('weightsDirOf', () => {
  it('resolves the profile folder against the root, else $LDDM_WEIGHTS_DIR, else none', () => {
    expect(weightsDirOf(ctxWith('w'), { [WEIGHTS_DIR_ENV]: 'env' })).toEqual({ dir: join(root, 'w'), from: 'profile' });
    expect(weightsDirOf(ctxWith(null), { [WEIGHTS_DIR_ENV]: 'env' })).toEqual({ dir: join(root, 'env'), from: 'env' });
    expect(weightsDirOf(ctxWith(null), {})).toBeNull();
  });
});

describe('chooseExtractorWeights', () => {
  it('takes <dir>/<id>.safetensors with its sha256, and keeps the seeded init (said in the log) for a missing file', () => {
    const dir = join(root, 'weights');
    mkdirSync(dir, { recursive: true });
    const bytes = Buffer.from('not really safetensors, only hashed here');
    writeFileSync(join(dir, 'vgg16.safetensors'), bytes);
    const lines: string[] = [];
    const ctx = ctxWith(relative(root, dir), lines);
    const found = chooseExtractorWeights(ctx, 'vgg16', {});
    expect(found.path).toBe(join(dir, 'vgg16.safetensors'));
    expect(found.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const missing = chooseExtractorWeights(ctx, 'i3d-dtdb', {});
    expect(missing.path).toBeUndefined();
    expect(missing.fileSha256).toBeUndefined();
    expect(lines.join('\n')).toMatch(/i3d-dtdb.*seeded initialisation/);
  });

  it('gives each extractor its own seed, the same whatever the weights folder', () => {
    const a = chooseExtractorWeights(ctxWith(null), 'vgg16', {});
    expect(chooseExtractorWeights(ctxWith('elsewhere'), 'vgg16', {}).seed).toBe(a.seed);
    expect(chooseExtractorWeights(ctxWith(null), 'lpips-vgg16-v0.1', {}).seed).not.toBe(a.seed);
  });
});
