import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from './output';

describe('writeOutput', () => {
  it('writes the whole file with a final newline and leaves no temporary behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-kit-'));
    const file = join(dir, 'sub', 'out.csv');
    writeOutput('one', file);
    writeOutput('two', file);
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['out.csv']);
  });
});
