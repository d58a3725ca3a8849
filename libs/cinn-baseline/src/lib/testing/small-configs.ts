// Small networks for the specs: the smoke profile's parsed `cinn` section with a few values
// overridden, so that a spec states only what it varies and every other value is the profile's.
import { loadProfile, type CinnConfig } from '@lddm/config';
import type { ConditionVaeConfig } from '../encoder/condition-vae';
import type { ConditionalFlowConfig } from '../flow/conditional-flow';

const smoke = loadProfile('smoke');

/** The smoke profile's cinn section (latentDim, condEncoder.cDim and flow) with overrides. */
export function smallFlow(o: { latentDim?: number; condDim?: number } & Partial<CinnConfig['flow']> = {}): ConditionalFlowConfig {
  const { latentDim = smoke.cinn.latentDim, condDim = smoke.cinn.condEncoder.cDim, ...flow } = o;
  return { latentDim, condEncoder: { cDim: condDim }, flow: { ...smoke.cinn.flow, ...flow } };
}

/** The smoke profile's cinn.condEncoder with overrides. */
export function smallCondEncoder(o: Partial<ConditionVaeConfig> = {}): ConditionVaeConfig {
  return { ...smoke.cinn.condEncoder, ...o };
}

/** size x size frames of the smoke profile's channels (1). */
export const smallImage = (imageSize: number) => ({ imageSize, channels: smoke.data.channels });
