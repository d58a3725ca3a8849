// @lddm/registry: the run database (docs/architecture.md "Runs, caching and resumption").
export { openRegistry, Registry, type DatasetInput, type RunFilter, type RunSpec } from './lib/registry';
export { RunHandle, type ArtifactInput, type MetricInput } from './lib/run-handle';
export { withRun, reuseOrRun, type ReuseOrRunResult } from './lib/with-run';
export { runKey, canonicalJson, type RunKeyInput } from './lib/run-key';
export { gitState, sourceVersion, type GitState } from './lib/git-state';
export { resolveDbPath } from './lib/db-path';
export * as schema from './lib/schema';
export type {
  ArtifactRecord,
  DatasetRecord,
  ExperimentRecord,
  MetricRecord,
  RunInputRecord,
  RunRecord,
  RunStatus,
} from './lib/schema';
