// @lddm/runtime: the one lib that owns tfjs. Other libs get `tf`, the backend, seeded randomness,
// initialisers, checkpoints and progress from here, and import no @tensorflow package themselves.
// Await initBackend() once at start-up, before the first tf op.
export { tf } from './lib/tf';
export { parseBackendChoice, initBackend, backendInfo, describeNative } from './lib/backend';
export { groupNorm } from './lib/ops/group-norm';
export { adamUpdate } from './lib/ops/adam-update';
export { temporalShift } from './lib/ops/temporal-shift';
export type { AdamState, AdamStep } from './lib/ops/adam-update';
export type { GroupNormArgs } from './lib/ops/group-norm';
export { configureNative, resolveThreads, nativeRunCounts } from './lib/native/settings';
export type { NativeInfo } from './lib/native/settings';
export type { BackendName, BackendChoice, BackendInfo, BackendAttempt } from './lib/backend';
export { deriveSeed, Rng } from './lib/rng';
export { computeFans, heNormal, kaimingUniform, glorotUniform, truncatedNormal, zeros, ones } from './lib/init';
export type { Fans, RandomSource } from './lib/init';
export { saveCheckpoint, loadCheckpoint, CheckpointCorruptError, previousCheckpointPath } from './lib/checkpoint';
export type { CheckpointContents, SaveOptions, SavedCheckpoint, LoadedCheckpoint, MetaValue, NamedTensor } from './lib/checkpoint';
export { restoreCheckpoint } from './lib/restore';
export type { RestoreTargets } from './lib/restore';
export { createProgress } from './lib/progress';
export type { Progress, ProgressOptions, ProgressInfo, ProgressStream, ProgressMode } from './lib/progress';
