import { initBackend } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeClassifierContract } from '../testing/classifier-contract';
import { TINY_CONFIGS } from '../testing/tiny-configs';
import { C3d, c3dFeatureShape } from './c3d';

describeClassifierContract('c3d');

describe('C3D', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('pools 16x112x112 to 1x4x4 as mmaction2 (pool1 keeps time, pool5 pads space)', () => {
    expect(c3dFeatureShape(16, 112)).toEqual([1, 4, 4]);
    expect(c3dFeatureShape(16, 16)).toEqual([1, 1, 1]);
    expect(() => c3dFeatureShape(8, 112)).toThrow(/too small/);
  });

  it('has the reference layer layout: convsPerStage convs per stage, fc6/fc7 of fcDim', () => {
    const model = new C3d(1, TINY_CONFIGS.c3d, { numClasses: 2, inChannels: 1 });
    const convs = model.namedParameters().filter(([n]) => /^conv.*weight$/.test(n)).map(([n, v]) => [n, v.shape]);
    expect(convs).toEqual([
      ['conv1a.weight', [3, 3, 3, 1, 4]],
      ['conv2a.weight', [3, 3, 3, 4, 8]],
      ['conv3a.weight', [3, 3, 3, 8, 8]],
      ['conv3b.weight', [3, 3, 3, 8, 8]],
      ['conv4a.weight', [3, 3, 3, 8, 8]],
      ['conv5a.weight', [3, 3, 3, 8, 8]],
    ]);
    const fc = Object.fromEntries(model.namedParameters().filter(([n]) => n.startsWith('fc')).map(([n, v]) => [n, v.shape]));
    expect(fc['fc6.weight']).toEqual([8, 16]);
    expect(fc['fc7.weight']).toEqual([16, 16]);
    expect(fc['fc.weight']).toEqual([16, 2]);
    model.dispose();
  });
});
