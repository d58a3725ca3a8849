import { loadProfile, PROFILE_NAMES } from '@lddm/config';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionVae, ConditionVaeConfigSchema } from './encoder/condition-vae';
import { RESNET50 } from './encoder/resnet-image-encoder';
import { ConditionalFlow, ConditionalFlowConfigSchema } from './flow/conditional-flow';
import { conditionVaeInputFromProfile, flowInputFromProfile } from './profile-configs';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('profile configs', () => {
  it('the paper profile gives the reference flow and encoder (the schemas’ defaults)', () => {
    const { cinn } = loadProfile('paper');
    expect(ConditionalFlowConfigSchema.parse(flowInputFromProfile(cinn))).toEqual(ConditionalFlowConfigSchema.parse({}));
    const vae = ConditionVaeConfigSchema.parse(conditionVaeInputFromProfile(cinn, { height: 128, width: 128, channels: 1 }));
    expect(vae.encoder.backbone).toEqual(RESNET50);
    expect(vae.encoder.cDim).toBe(128);
    expect(vae.encoder.logvarClamp).toEqual([-30, 10]);
    expect(vae.decoderNf).toBe(32);
    expect(vae.klWeight).toBe(1e-6);
  });

  it('every profile parses, and the smoke networks run end to end: x0 -> c -> flow sample', () => {
    for (const name of PROFILE_NAMES) {
      const p = loadProfile(name);
      expect(() => ConditionalFlowConfigSchema.parse(flowInputFromProfile(p.cinn))).not.toThrow();
      const image = { height: p.data.imageSize, width: p.data.imageSize, channels: p.data.channels };
      expect(() => ConditionVaeConfigSchema.parse(conditionVaeInputFromProfile(p.cinn, image))).not.toThrow();
    }
    const smoke = loadProfile('smoke');
    const size = smoke.data.imageSize;
    const vae = new ConditionVae(1, conditionVaeInputFromProfile(smoke.cinn, { height: size, width: size, channels: smoke.data.channels }));
    const flow = new ConditionalFlow(2, flowInputFromProfile(smoke.cinn)).eval();
    const c = vae.encodeMean(tf.zeros([2, size, size, smoke.data.channels]));
    expect(flow.sample(c, new Rng(1)).shape).toEqual([2, smoke.cinn.latentDim]);
  });
});
