// Test helpers: a fresh database file in its own temp folder, and a valid run spec.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSpec } from './registry';
import { runKey } from './run-key';

export function tempDir(prefix = 'lddm-registry-'): { dir: string; dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dbPath: join(dir, 'runs.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  const config = { lr: 1e-3, width: 8 };
  return {
    kind: 'train-test',
    key: runKey({ kind: 'train-test', config, inputs: [], sourceVersion: 'test' }),
    config,
    seed: 7,
    profile: 'smoke',
    backend: { name: 'cpu', version: '4.22.0', threads: 1 },
    // Fixed, so what tests store does not depend on the state of the checkout.
    sourceVersion: 'test',
    ...overrides,
  };
}
