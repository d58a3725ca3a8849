// @lddm/config: the typed, validated configuration of every stage of the pipeline.
export { ConfigError, configError, describeValue } from './lib/errors';
export { deepFreeze, deepMerge, type DeepReadonly } from './lib/merge';
export { parseOverride, parseOverrides, type Override } from './lib/override';
export { defaultProfilesDir, displayPath, findWorkspaceRoot, nearestWorkspaceRoot } from './lib/workspace';
export {
  DEFAULT_PROFILE,
  PROFILE_NAMES,
  listProfiles,
  loadProfile,
  profileValues,
  validateProfile,
  type LoadProfileOptions,
  type Profile,
  type ProfileMeta,
  type ProfileName,
} from './lib/load';
export { ProfileSchema, crossFieldIssues, type ProfileData } from './lib/schema/profile';
export * from './lib/schema/data';
export * from './lib/schema/splits';
export * from './lib/schema/common';
export * from './lib/schema/lddm';
export * from './lib/schema/cinn';
export * from './lib/schema/classifiers';
export * from './lib/schema/metrics';
export * from './lib/schema/grid';
export * from './lib/schema/runtime';
export { encoderOutputShape, encoderReduction, latentShape, latentSize } from './lib/schema/derived';
export { RATIO_PATTERN, trainFraction } from './lib/schema/primitives';
