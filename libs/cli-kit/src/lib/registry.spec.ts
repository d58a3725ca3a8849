import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, runKey } from '@lddm/registry';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from './errors';
import { openRunRegistry, withRegistry } from './registry';

const dir = mkdtempSync(join(tmpdir(), 'cli-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opening the registry from a CLI', () => {
  it('a killed run is listed as interrupted, not running', async () => {
    const path = join(dir, 'runs.db');
    const registry = openRegistry({ path });
    const config = { x: 1 };
    const run = registry.startRun({ kind: 'k', key: runKey({ kind: 'k', config, inputs: [], sourceVersion: 't' }), config, seed: 0, profile: 'smoke', backend: { name: 'cpu', version: '0', threads: 1 }, sourceVersion: 't' });
    // As if its process had been SIGKILLed: a pid that has ended.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    registry.db.$client.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(dead, run.id);
    registry.close();
    const status = await withRegistry(path, { mustExist: true }, (r) => r.getRun(run.id)?.status);
    expect(status).toBe('interrupted');
  });

  it('refuses a --db in a folder that does not exist (exit 2), instead of creating it', () => {
    const missing = join(dir, 'no-such-folder', 'runs.db');
    expect(() => openRunRegistry(missing)).toThrow(UsageError);
    expect(() => openRunRegistry(missing)).toThrow(/--db: the folder .*no-such-folder does not exist; create it/);
  });
});
