// Lint: TypeScript rules plus Nx module boundaries, which enforce the layer order drawn in the
// README ("Layers"): each library imports only from the layers below it, never sideways.
//   layer:base        runtime (tfjs, kernels, files), config (the profile schema)
//   layer:nn          nn (modules, optimisers, Gaussians)        -> base
//   layer:registry    registry (the run database)                -> base
//   type:data         data (datasets, splits, clips)             -> base
//   layer:reporting   reporting (tables, charts, report)         -> base, registry
//   layer:cli         cli-kit (CLI plumbing, run tables)         -> base, registry, reporting
//   type:model        lddm-core, cinn-baseline, classifiers, metrics (never each other) -> base, nn
//   type:pipeline     pipeline (steps, grid, records)            -> all of the above
//   apps, experiments, tools                                      -> all of the above and pipeline
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const BELOW_PIPELINE = ['layer:base', 'layer:nn', 'layer:registry', 'type:data', 'layer:reporting', 'layer:cli', 'type:model'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.lddm/**', '**/migrations/**', '**/*.js', 'libs/*/assembly/**'] },
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
            { sourceTag: 'layer:base', onlyDependOnLibsWithTags: ['layer:base'] },
            { sourceTag: 'layer:nn', onlyDependOnLibsWithTags: ['layer:base'] },
            { sourceTag: 'layer:registry', onlyDependOnLibsWithTags: ['layer:base'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['layer:base'] },
            { sourceTag: 'layer:reporting', onlyDependOnLibsWithTags: ['layer:base', 'layer:registry'] },
            { sourceTag: 'layer:cli', onlyDependOnLibsWithTags: ['layer:base', 'layer:registry', 'layer:reporting'] },
            { sourceTag: 'type:model', onlyDependOnLibsWithTags: ['layer:base', 'layer:nn'] },
            { sourceTag: 'type:pipeline', onlyDependOnLibsWithTags: [...BELOW_PIPELINE] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: [...BELOW_PIPELINE, 'type:pipeline'] },
            { sourceTag: 'type:experiments', onlyDependOnLibsWithTags: [...BELOW_PIPELINE, 'type:pipeline'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: [...BELOW_PIPELINE, 'type:pipeline'] },
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
