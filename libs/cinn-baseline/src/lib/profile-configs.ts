// The profile's `cinn` section (libs/config schema/cinn.ts) as the inputs of this lib's modules,
// so that CLIs build the networks from one place. The image geometry comes from the data section.
import type { CinnConfig, DeepReadonly } from '@lddm/config';
import type { ConditionalFlowInput } from './flow/conditional-flow';
import type { ConditionVaeInput } from './encoder/condition-vae';

export interface ImageGeometry {
  height: number;
  width: number;
  channels: number;
}

/** cinn.flow + latentDim + condEncoder.cDim -> ConditionalFlow's config. */
export function flowInputFromProfile(cinn: DeepReadonly<CinnConfig>): ConditionalFlowInput {
  const { flow } = cinn;
  return {
    latentDim: cinn.latentDim,
    condDim: cinn.condEncoder.cDim,
    blocks: flow.blocks,
    hidden: [...flow.hidden],
    mlpSlope: flow.mlpSlope,
    leakyAlpha: flow.leakyAlpha,
    leakyLogdet: flow.leakyLogdet,
    actnormInit: flow.actnormInit,
    permutation: flow.permutation,
  };
}

/** cinn.condEncoder + the frame geometry -> ConditionVae's config. */
export function conditionVaeInputFromProfile(cinn: DeepReadonly<CinnConfig>, image: ImageGeometry): ConditionVaeInput {
  const e = cinn.condEncoder;
  const [lo, hi] = e.logvarClamp;
  return {
    encoder: {
      inChannels: image.channels,
      height: image.height,
      width: image.width,
      backbone: { ...e.backbone, layers: [...e.backbone.layers], widths: [...e.backbone.widths] },
      cDim: e.cDim,
      logvarClamp: [lo, hi],
    },
    decoderNf: e.decoderNf,
    klWeight: e.klWeight,
  };
}
