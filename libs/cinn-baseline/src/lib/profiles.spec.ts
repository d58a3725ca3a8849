import { loadProfile, PROFILE_NAMES } from '@lddm/config';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionVae } from './encoder/condition-vae';
import { imageEncoderShapes } from './encoder/resnet-image-encoder';
import { ConditionalFlow } from './flow/conditional-flow';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the networks built from the profiles', () => {
  it("every profile's frames leave the conditioning encoder a feature map", () => {
    for (const name of PROFILE_NAMES) {
      const { cinn, data } = loadProfile(name);
      const [h, w] = imageEncoderShapes(data.imageSize, cinn.condEncoder.backbone).at(-1) ?? [0, 0];
      expect(Math.min(h, w)).toBeGreaterThanOrEqual(1);
    }
  });

  it('the smoke networks run end to end: x0 -> c -> flow sample', () => {
    const smoke = loadProfile('smoke');
    const size = smoke.data.imageSize;
    const vae = new ConditionVae(1, smoke.cinn.condEncoder, smoke.data);
    const flow = new ConditionalFlow(2, smoke.cinn).eval();
    const c = vae.encodeMean(tf.zeros([2, size, size, smoke.data.channels]));
    expect(flow.sample(c, new Rng(1)).shape).toEqual([2, smoke.cinn.latentDim]);
  });
});
