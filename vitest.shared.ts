// One vitest config for every project: path aliases come from tsconfig.base.json so that
// tests resolve `@lddm/*` exactly as tsx and tsc do.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestUserConfig, type ViteUserConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
// Exact names: '@lddm/runtime/files' is its own entry point, not '@lddm/runtime' + '/files'.
const alias = Object.entries(tsconfig.compilerOptions.paths).map(([find, [target]]) => ({ find: new RegExp(`^${find.replace(/[/]/g, '\\/')}$`), replacement: resolve(root, target) }));

export function projectConfig(overrides: TestUserConfig = {}): ViteUserConfig {
  return defineConfig({
    resolve: { alias },
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      environment: 'node',
      pool: 'forks',
      // Hang guards, not verdicts: a busy machine (CI beside other jobs) must still pass. Tests
      // never assert on wall time; the slowest (end-to-end smoke runs) take a minute or two idle.
      testTimeout: 600_000,
      hookTimeout: 600_000,
      // A project that loses its tests fails instead of passing silently.
      passWithNoTests: false,
      ...overrides,
    },
  });
}
