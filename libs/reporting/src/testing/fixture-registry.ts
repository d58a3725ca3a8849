// A temp registry filled with the fixture runs, for specs (one per spec file: seeding takes ~1 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, type Registry } from '@lddm/registry';
import { seedFixtureRuns } from './fixture-runs';

export async function fixtureRegistry(prefix: string): Promise<{ dir: string; registry: Registry; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const registry = openRegistry({ path: join(dir, 'runs.db') });
  await seedFixtureRuns(registry, dir);
  return {
    dir,
    registry,
    cleanup: () => {
      registry.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
