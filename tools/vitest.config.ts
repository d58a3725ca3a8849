import { projectConfig } from '../vitest.shared.ts';

// The benchmarks' pure helpers (argument parsing, report layout) have specs beside them.
export default projectConfig({ include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'bench/**/*.spec.ts'] });
