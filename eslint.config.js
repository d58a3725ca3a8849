// Lint: TypeScript rules plus Nx module boundaries. Apps and runnable projects import libraries
// only; utility libraries import nothing above them; model libraries build on utilities and data.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.lddm/**', '**/migrations/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:model', onlyDependOnLibsWithTags: ['type:util', 'type:data', 'type:model'] },
            { sourceTag: 'type:pipeline', onlyDependOnLibsWithTags: ['type:util', 'type:data', 'type:model'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util', 'type:data', 'type:model', 'type:pipeline'] },
            { sourceTag: 'type:experiments', onlyDependOnLibsWithTags: ['type:util', 'type:data', 'type:model', 'type:pipeline'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:util', 'type:data', 'type:model', 'type:pipeline'] },
          ],
        },
      ],
    },
  },
  {
    // Each project's vitest.config.ts imports the one shared config at the workspace root.
    files: ['**/vitest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
