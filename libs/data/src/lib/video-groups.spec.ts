import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGroups } from './video-groups';

const videos = [
  { id: 'cyst/P01_a', relPath: 'cyst/P01_a.mp4' },
  { id: 'cyst/P01_b', relPath: 'cyst/P01_b.avi' },
  { id: 'nodule/P02_a', relPath: 'nodule/P02_a.mp4' },
];

describe('resolveGroups', () => {
  it('names groups by the first capture of a pattern over the relative path', () => {
    expect(Object.fromEntries(resolveGroups(videos, { pattern: '^[^/]+/(P\\d+)_' }, '/data'))).toEqual({ 'cyst/P01_a': 'P01', 'cyst/P01_b': 'P01', 'nodule/P02_a': 'P02' });
  });

  it('refuses a pattern without a capture, an invalid one, and a video it does not match, naming the file', () => {
    expect(() => resolveGroups(videos, { pattern: 'P\\d+' }, '/data')).toThrow(/has no capture group; wrap/);
    expect(() => resolveGroups(videos, { pattern: '(P' }, '/data')).toThrow(/is not a regular expression/);
    expect(() => resolveGroups(videos, { pattern: '^cyst/(P\\d+)' }, '/data')).toThrow(/^\/data\/nodule\/P02_a.mp4: .* names no group/);
  });

  it('reads a path,group CSV (header optional) and names a video it lacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groups-'));
    const csv = join(dir, 'groups.csv');
    writeFileSync(csv, 'path,group\ncyst/P01_a.mp4,alice\ncyst/P01_b.avi,alice\nnodule/P02_a.mp4,bob\n');
    expect(resolveGroups(videos, { csv }, '/data').get('nodule/P02_a')).toBe('bob');
    writeFileSync(csv, 'cyst/P01_a.mp4,alice\n');
    expect(() => resolveGroups(videos, { csv }, '/data')).toThrow(/has no row for cyst\/P01_b.avi; add "cyst\/P01_b.avi,<group>"/);
    writeFileSync(csv, 'cyst/P01_a.mp4\n');
    expect(() => resolveGroups(videos, { csv }, '/data')).toThrow(/groups.csv:1: expected "path,group"/);
    expect(() => resolveGroups(videos, { csv: join(dir, 'missing.csv') }, '/data')).toThrow(/cannot read the groups CSV/);
  });
});
