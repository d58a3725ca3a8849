import { describe, expect, it } from 'vitest';
import { canonicalJson, runKey } from './run-key';

const base = {
  kind: 'train-lddm',
  config: { model: { width: 64, depth: 2 }, lr: 1e-4, schedule: ['warmup', 'cosine'] },
  inputs: ['dataset:abc', 'run:123'],
  sourceVersion: 'deadbeef',
};

describe('runKey', () => {
  it('is a sha256 hex digest', () => {
    expect(runKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on object key order at any depth, nor on input order', () => {
    const reordered = {
      sourceVersion: 'deadbeef',
      inputs: ['run:123', 'dataset:abc'],
      config: { schedule: ['warmup', 'cosine'], lr: 1e-4, model: { depth: 2, width: 64 } },
      kind: 'train-lddm',
    };
    expect(runKey(reordered)).toBe(runKey(base));
  });

  it('changes with any config value, input, kind or source version', () => {
    const k = runKey(base);
    const variants = [
      { ...base, config: { ...base.config, lr: 2e-4 } },
      { ...base, config: { ...base.config, model: { width: 64, depth: 3 } } },
      { ...base, config: { ...base.config, schedule: ['cosine', 'warmup'] } },
      { ...base, config: { ...base.config, extra: false } },
      { ...base, inputs: ['dataset:abc', 'run:124'] },
      { ...base, inputs: ['dataset:abc'] },
      { ...base, kind: 'train-cinn' },
      { ...base, sourceVersion: 'deadbeef+dirty.0123456789ab' },
    ];
    const keys = variants.map(runKey);
    for (const other of keys) expect(other).not.toBe(k);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('treats an undefined key as absent, like the JSON that is stored', () => {
    expect(runKey({ ...base, config: { ...base.config, note: undefined } })).toBe(runKey(base));
  });

  it('refuses values JSON would silently mangle', () => {
    expect(() => canonicalJson({ a: new Map([[1, 2]]) })).toThrow(/Map at \$\.a/);
    expect(() => canonicalJson({ a: [1, NaN] })).toThrow(/non-finite number NaN at \$\.a\[1\]/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function at \$\.f/);
    expect(() => canonicalJson({ t: new Float32Array(2) })).toThrow(/Float32Array/);
  });
});
